package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The training settings fill in what a configuration lacks and leave what it sets. */
class SparkSettingsTest {

    @Test
    void fillsInOnlyWhatIsMissing() {
        SparkConf conf = SparkSettings.forTraining(new SparkConf(false).set("spark.broadcast.compress", "true"));
        assertEquals("64m", conf.get("spark.task.maxDirectResultSize"));
        assertEquals("true", conf.get("spark.broadcast.compress"), "the caller's own value wins");
    }
}
