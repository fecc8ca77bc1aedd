/**
 * Starts a sandbox theatre (the runnable jar of {@code sandbox-theatre}) as a child process for
 * other modules' tests, and drives its admin API.
 *
 * <pre>{@code
 * try (SandboxTheatre theatre = SandboxTheatre.builder().seed(1).size("small").start()) {
 *     URI api = theatre.baseUrl();               // theatre API under /theatre/v1
 *     String jdbc = theatre.jdbcUrl();           // its PostgreSQL database
 *     theatre.admin().cancelShow(showId);        // schedule changes, box-office sales, reset
 *     theatre.admin().faults(Faults.down());     // make its theatre API fail; clearFaults() ends it
 * }
 * }</pre>
 */
package dev.marquee.contracts.sandbox;
