package dev.ess.runtime.ops;

import java.util.Locale;

/**
 * Why a store cannot be written, in a word a metric can carry as a label: what the database said
 * is free text, a label must be one of few values.
 */
enum StoreProblem {
    READ_ONLY,
    DISK_FULL,
    OTHER;

    /** The kind of a write failure, as SQLite and PostgreSQL word it; {@code null} for none. */
    static StoreProblem of(String failure) {
        if (failure == null) {
            return null;
        }
        String text = failure.toLowerCase(Locale.ROOT);
        if (text.contains("readonly") || text.contains("read-only") || text.contains("read only")) {
            return READ_ONLY;
        }
        if (text.contains("disk is full") || text.contains("no space left") || text.contains("could not extend file")) {
            return DISK_FULL;
        }
        return OTHER;
    }

    /** The label value, e.g. {@code read_only}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
