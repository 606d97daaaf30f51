package cloud.practice.reporting;

import cloud.practice.testing.ServiceHealthContract;

class ReportingServiceApplicationIT extends ServiceHealthContract {
}
