package io.lifeboat.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison sees equal databases as equal, and a changed row, schema, sequence or large object as different. */
class DatabaseComparisonTest {

    private static final String SETUP = """
            CREATE TABLE t (id integer PRIMARY KEY, label text);
            INSERT INTO t VALUES (1, 'один'), (2, 'deux'), (3, NULL);
            CREATE SEQUENCE s START 10;
            SELECT lo_from_bytea(900001, 'content');
            """;

    private final TestDatabase db = TestDatabase.get();

    private String twin() {
        String name = db.createDatabase("twin");
        db.execute(name, SETUP);
        return name;
    }

    @Test
    void equalDatabasesPass() {
        DatabaseComparison.assertSameContent(db, twin(), twin());
    }

    @Test
    void aChangedRowFails() {
        String a = twin();
        String b = twin();
        db.execute(b, "UPDATE t SET label = 'trois' WHERE id = 3");
        var e = assertThrows(AssertionFailedError.class, () -> DatabaseComparison.assertSameContent(db, a, b));
        assertTrue(e.getMessage().contains("rows of public.t"), e.getMessage());
    }

    @Test
    void aChangedSchemaFails() {
        String a = twin();
        String b = twin();
        db.execute(b, "CREATE INDEX t_label ON t (label)");
        var e = assertThrows(AssertionFailedError.class, () -> DatabaseComparison.assertSameContent(db, a, b));
        assertTrue(e.getMessage().contains("schema of " + b), e.getMessage());
    }

    @Test
    void aMovedSequenceFails() {
        String a = twin();
        String b = twin();
        db.execute(b, "SELECT nextval('s')");
        var e = assertThrows(AssertionFailedError.class, () -> DatabaseComparison.assertSameContent(db, a, b));
        assertTrue(e.getMessage().contains("sequence public.s"), e.getMessage());
    }

    @Test
    void aChangedLargeObjectFails() {
        String a = twin();
        String b = twin();
        db.execute(b, "SELECT lo_put(900001, 0, 'C')");
        var e = assertThrows(AssertionFailedError.class, () -> DatabaseComparison.assertSameContent(db, a, b));
        assertTrue(e.getMessage().contains("large objects"), e.getMessage());
    }
}
