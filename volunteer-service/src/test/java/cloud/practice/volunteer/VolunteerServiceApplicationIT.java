package cloud.practice.volunteer;

import cloud.practice.testing.ServiceHealthContract;

class VolunteerServiceApplicationIT extends ServiceHealthContract {
}
