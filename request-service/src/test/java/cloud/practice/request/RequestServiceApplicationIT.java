package cloud.practice.request;

import cloud.practice.testing.ServiceHealthContract;

class RequestServiceApplicationIT extends ServiceHealthContract {
}
