package dev.marquee.gateway.web;

/** Something the request names by id does not exist; answered 404. */
public class NotFoundException extends ProblemException {
    private final String kind;
    private final String id;

    /**
     * @param kind what was looked for, in words ("city", "show")
     * @param id the id the request gave
     */
    public NotFoundException(String kind, String id) {
        super(Problem.of(ProblemType.NOT_FOUND, "No " + kind + " with id " + Problem.quote(id)));
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
