package cloud.practice.hierarchy;

import cloud.practice.testing.ServiceHealthContract;

class HierarchyServiceApplicationIT extends ServiceHealthContract {
}
