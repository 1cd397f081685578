import java.io.File;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a train-charlm report written on a Spark cluster (scripts/spark-cluster-check.sh): the system
 * properties report, master and k name the file, the master it must carry and its sync_every; single, unless
 * "none", the report of the same run on one machine, whose final training loss it must match (1e-4 relative).
 */
public final class SparkReportCheck {
    public static void main(String[] args) throws Exception {
        JsonNode report = new ObjectMapper().readTree(new File(System.getProperty("report")));
        String master = System.getProperty("master");
        int k = Integer.parseInt(System.getProperty("k"));
        double loss = report.path("metrics").path("final_train_loss").asDouble(Double.NaN);
        check(master.equals(report.path("spark_master").asText()), "spark_master " + master, report);
        check(report.path("sync_every").asInt() == k, "sync_every " + k, report);
        check(report.path("steps").asInt() == 4, "4 updates", report);
        check(Double.isFinite(loss) && loss > 0, "a finite final_train_loss > 0", report);
        String single = System.getProperty("single", "none");
        double expected = single.equals("none") ? Double.NaN
                : new ObjectMapper().readTree(new File(single)).path("metrics").path("final_train_loss").asDouble();
        check(Double.isNaN(expected) || Math.abs(loss - expected) <= 1e-4 * expected,
                "final_train_loss " + expected + " (one machine's) within 1e-4 relative", report);
        System.out.println("spark-cluster-check: report " + report);
    }

    private static void check(boolean ok, String expected, JsonNode report) {
        if (!ok) {
            System.err.println("spark-cluster-check: expected " + expected + " in the report, got " + report);
            System.exit(1);
        }
    }
}
