package cloud.practice.events;

/** The nine service platforms (九大平台): the categories of the service menu. */
public enum ServicePlatform {
    THEORY_LECTURES("理论宣讲"),
    EDUCATION("教育服务"),
    CULTURE("文化服务"),
    SCIENCE("科技与科普"),
    HEALTH_SPORTS("卫生体育"),
    LEGAL("法律服务"),
    CARE("关爱帮扶"),
    CIVILIZATION("文明创建"),
    ALL_MEDIA("全媒体服务");

    private final String chineseName;

    ServicePlatform(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
