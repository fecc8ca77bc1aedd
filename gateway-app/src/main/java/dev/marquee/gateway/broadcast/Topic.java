package dev.marquee.gateway.broadcast;

/** What a broadcast is about; its key is the show whose waitlist entries or queue places changed. */
public enum Topic {
    /** A waitlist entry of the show was offered seats, lapsed, or left: positions and statuses moved. */
    WAITLIST("w"),
    /** People of the show's queue were admitted: positions and statuses moved. */
    QUEUE("q");

    final String code;

    Topic(String code) {
        this.code = code;
    }

    static Topic ofCode(String code) {
        for (Topic topic : values()) {
            if (topic.code.equals(code)) {
                return topic;
            }
        }
        return null;
    }
}
