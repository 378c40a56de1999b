package io.lifeboat.security.control;

/** A change to users or tokens that Lifeboat refuses; the message says what to do instead. */
public class RefusedException extends RuntimeException {

    public enum Reason {
        INVALID(400, "Invalid request"),
        CONFLICT(409, "Conflict"),
        NOT_FOUND(404, "Not found");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public RefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
