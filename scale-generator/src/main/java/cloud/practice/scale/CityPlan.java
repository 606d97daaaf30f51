package cloud.practice.scale;

import java.util.ArrayList;
import java.util.List;

/**
 * How big each district is: people and requests on a long tail from the largest, institutes and stations shared out
 * of the city's totals on a flatter tail (a small district still has its towns and communities).
 */
final class CityPlan {

    /**
     * Chongqing's 38 districts and counties and its three economic areas, the most populous first (so district 0,
     * the largest, is 渝北). More districts than these are named {@code cq-d42}, {@code cq-d43}, ...
     */
    static final String[] DISTRICT_IDS = {"cq-yubei", "cq-wanzhou", "cq-jiulongpo", "cq-shapingba", "cq-hechuan",
            "cq-jiangjin", "cq-yongchuan", "cq-banan", "cq-nanan", "cq-fuling", "cq-jiangbei", "cq-kaizhou",
            "cq-beibei", "cq-qijiang", "cq-dazu", "cq-yunyang", "cq-changshou", "cq-tongliang", "cq-bishan",
            "cq-rongchang", "cq-fengjie", "cq-tongnan", "cq-dianjiang", "cq-liangping", "cq-zhongxian", "cq-yuzhong",
            "cq-nanchuan", "cq-youyang", "cq-fengdu", "cq-dadukou", "cq-qianjiang", "cq-xiushan", "cq-pengshui",
            "cq-wushan", "cq-wulong", "cq-shizhu", "cq-wuxi", "cq-chengkou", "cq-liangjiang", "cq-gaoxin",
            "cq-wansheng"};

    /** One district's share. */
    record DistrictPlan(int index, String districtId, int volunteers, int requests, int institutes, int stations) {
    }

    private CityPlan() {
    }

    static List<DistrictPlan> of(ScaleOptions options) {
        int n = options.districts();
        double[] people = new double[n];
        double[] places = new double[n];
        for (int k = 0; k < n; k++) {
            people[k] = Math.pow(k + 1, -options.tail());
            // Towns and communities vary less between districts than people do.
            places[k] = Math.sqrt(people[k]);
        }
        int[] institutes = shares(options.institutes(), places, 1);
        int[] stations = shares(options.stations(), places, 1);
        List<DistrictPlan> plans = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int volunteers = Math.max(1, (int) Math.round(options.largestVolunteers() * people[k]));
            int requests = (int) Math.round(options.largestRequests() * people[k]);
            plans.add(new DistrictPlan(k, districtId(k), volunteers, requests, institutes[k],
                    Math.max(stations[k], institutes[k])));
        }
        return plans;
    }

    static String districtId(int index) {
        return index < DISTRICT_IDS.length ? DISTRICT_IDS[index] : "cq-d" + (index + 1);
    }

    /**
     * {@code total} shared out in proportion to {@code weights}, at least {@code minimum} each, exactly {@code total}
     * in all (largest remainder; ties to the earlier, so the result is the same on every machine).
     */
    static int[] shares(int total, double[] weights, int minimum) {
        int n = weights.length;
        int[] result = new int[n];
        int left = total - minimum * n;
        if (left <= 0) {
            java.util.Arrays.fill(result, Math.max(0, total / Math.max(1, n)));
            return result;
        }
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        double[] remainders = new double[n];
        int given = 0;
        for (int k = 0; k < n; k++) {
            double exact = left * weights[k] / sum;
            int whole = (int) Math.floor(exact);
            result[k] = minimum + whole;
            remainders[k] = exact - whole;
            given += whole;
        }
        for (int extra = left - given; extra > 0; extra--) {
            int best = 0;
            for (int k = 1; k < n; k++) {
                if (remainders[k] > remainders[best]) {
                    best = k;
                }
            }
            result[best]++;
            remainders[best] = -1;
        }
        return result;
    }
}
