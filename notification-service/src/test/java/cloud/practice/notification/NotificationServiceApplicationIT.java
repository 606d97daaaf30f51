package cloud.practice.notification;

import cloud.practice.testing.ServiceHealthContract;

class NotificationServiceApplicationIT extends ServiceHealthContract {
}
