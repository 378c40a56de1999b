package io.lifeboat.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proves that two databases of the test cluster hold the same thing: the same pg_dump --schema-only, the same
 * contents in every table and materialized view, the same sequence positions and the same large objects.
 */
public final class DatabaseComparison {

    /** pg_dump 15.14 and later write a random key for psql's restricted mode; it differs on every dump. */
    private static final Pattern RESTRICT_KEY = Pattern.compile("(?m)^\\\\(un)?restrict \\S+$");

    private DatabaseComparison() {
    }

    /** What a database holds, reduced to text that is equal when the contents are. */
    public record Content(String schema, Map<String, String> checksums) {
    }

    public static void assertSameContent(TestDatabase db, String source, String restored) {
        Content expected = content(db, source);
        Content actual = content(db, restored);
        String difference = firstDifference(expected.schema(), actual.schema());
        if (difference != null) {
            fail("The schema of " + restored + " differs from " + source + ": " + difference);
        }
        assertEquals(expected.checksums(), actual.checksums(), "The contents of " + restored + " differ from " + source);
    }

    public static Content content(TestDatabase db, String database) {
        String schema = RESTRICT_KEY.matcher(ClientTools.schemaDump(db, database)).replaceAll("\\\\$1restrict KEY");
        try (Connection c = db.connect(database)) {
            Map<String, String> checksums = new TreeMap<>();
            for (String relation : names(c, "select format('%I.%I', n.nspname, c.relname) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'm') "
                    + "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'")) {
                checksums.put("rows of " + relation, single(c, "select count(*) || ' rows, md5 ' || "
                        + "md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from " + relation + " t"));
            }
            for (String sequence : names(c, "select format('%I.%I', schemaname, sequencename) from pg_sequences")) {
                checksums.put("sequence " + sequence, single(c, "select last_value || ' ' || is_called from " + sequence));
            }
            checksums.put("large objects", single(c, "select count(*) || ' objects, md5 ' || md5(coalesce(string_agg("
                    + "m.oid || ':' || pg_get_userbyid(m.lomowner) || ':' || md5(lo_get(m.oid)) || ':' "
                    + "|| coalesce(obj_description(m.oid, 'pg_largeobject'), '-'), ',' order by m.oid), '')) "
                    + "from pg_largeobject_metadata m"));
            return new Content(schema, checksums);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the contents of " + database + ": " + e.getMessage(), e);
        }
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var statement = c.createStatement(); var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (var statement = c.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ": expected [" + left + "] but was [" + right + "]";
            }
        }
        return null;
    }
}
