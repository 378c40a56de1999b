package io.lifeboat.restores.control;

import io.lifeboat.archives.control.TableOfContents;
import io.lifeboat.archives.control.TableOfContents.Entry;
import io.lifeboat.archives.control.TableOfContents.Section;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PostDataSectionTest {

    // two tables, their data, and what comes after the data
    private static final Entry ORDERS = entry(1, "TABLE", "orders", Section.PRE_DATA);
    private static final Entry CUSTOMERS = entry(2, "TABLE", "customers", Section.PRE_DATA);
    private static final Entry FUNCTION = entry(3, "FUNCTION", "touch", Section.PRE_DATA);
    private static final Entry ORDERS_DATA = entry(10, "TABLE DATA", "orders", Section.DATA, 1);
    private static final Entry CUSTOMERS_DATA = entry(11, "TABLE DATA", "customers", Section.DATA, 2);
    private static final Entry ORDERS_PKEY = entry(20, "CONSTRAINT", "orders_pkey", Section.POST_DATA, 1);
    private static final Entry ORDERS_INDEX = entry(21, "INDEX", "orders_placed", Section.POST_DATA, 1);
    private static final Entry CUSTOMERS_PKEY = entry(22, "CONSTRAINT", "customers_pkey", Section.POST_DATA, 2);
    private static final Entry EXPRESSION_INDEX = entry(23, "INDEX", "orders_touched", Section.POST_DATA, 1, 3);
    private static final Entry FOREIGN_KEY = entry(24, "FK CONSTRAINT", "orders_customer", Section.POST_DATA, 1, 22);
    private static final Entry TRIGGER = entry(25, "TRIGGER", "orders_touch", Section.POST_DATA, 1, 3);

    private static final TableOfContents TOC = new TableOfContents(List.of(ORDERS, CUSTOMERS, FUNCTION, ORDERS_DATA,
            CUSTOMERS_DATA, ORDERS_PKEY, ORDERS_INDEX, CUSTOMERS_PKEY, EXPRESSION_INDEX, FOREIGN_KEY, TRIGGER));

    @Test
    void aLaneDoneWhileAnotherLoadsGetsTheIndexesAndConstraintsOfItsTablesOnly() {
        var postData = new PostDataSection(TOC, 2);

        assertEquals(List.of(ORDERS_PKEY, ORDERS_INDEX), postData.laneLoaded(List.of(ORDERS_DATA)),
                "not the index that also depends on a function, nor the foreign key or trigger");
        assertEquals(List.of(), postData.laneLoaded(List.of(CUSTOMERS_DATA)), "the last lane leaves its indexes to the "
                + "final step with all jobs");
        assertEquals(List.of(CUSTOMERS_PKEY, EXPRESSION_INDEX, FOREIGN_KEY, TRIGGER), postData.rest());
    }

    @Test
    void withOneLaneEverythingWaitsForTheFinalStep() {
        var postData = new PostDataSection(TOC, 1);

        assertEquals(List.of(), postData.laneLoaded(List.of(ORDERS_DATA, CUSTOMERS_DATA)));
        assertEquals(List.of(ORDERS_PKEY, ORDERS_INDEX, CUSTOMERS_PKEY, EXPRESSION_INDEX, FOREIGN_KEY, TRIGGER),
                postData.rest());
    }

    private static Entry entry(int dumpId, String desc, String tag, Section section, Integer... dependencies) {
        return new Entry(dumpId, desc, "public", tag, section, desc.equals("TABLE DATA"), List.of(dependencies));
    }
}
