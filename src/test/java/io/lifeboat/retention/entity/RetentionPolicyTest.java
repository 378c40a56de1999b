package io.lifeboat.retention.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {

    @Test
    void defaultsKeepTheLastSevenAndNothingElse() {
        assertEquals(new RetentionPolicy(7, 0, 0, 0, 0), RetentionPolicy.defaults());
    }

    @Test
    void buildsUpAPolicyFromTheDefaults() {
        assertEquals(new RetentionPolicy(7, 30, 7, 4, 12), RetentionPolicy.defaults().withKeepDays(30).withGfs(7, 4, 12));
    }

    @ParameterizedTest(name = "[{index}] {0},{1},{2},{3},{4} is refused: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            0  | 0  | 0  | 0  | 0  | keepLast is 0, but retention never deletes below 1 successful backup
            -3 | 30 | 0  | 0  | 0  | set keepLast to 1 or more
            7  | -1 | 0  | 0  | 0  | keepDays is -1: use 0 to turn the rule off
            7  | 0  | -7 | 0  | 0  | keepDaily is -7
            7  | 0  | 0  | -1 | 0  | keepWeekly is -1
            7  | 0  | 0  | 0  | -1 | keepMonthly is -1
            7  | 99999 | 0 | 0 | 0 | keepDays is 99999, more than 36600
            """)
    void refusesPoliciesThatMakeNoSense(int last, int days, int daily, int weekly, int monthly, String message) {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new RetentionPolicy(last, days, daily, weekly, monthly));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }
}
