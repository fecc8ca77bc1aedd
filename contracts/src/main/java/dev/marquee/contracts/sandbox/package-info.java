/**
 * Starts a sandbox theatre (the runnable jar of {@code sandbox-theatre}) as a child process for
 * other modules' tests, and drives its admin API. The same process plays a payment provider
 * (contracts/payment-provider-api.yaml) under {@code /payments/v1}.
 *
 * <pre>{@code
 * try (SandboxTheatre theatre = SandboxTheatre.builder().seed(1).size("small").start()) {
 *     URI api = theatre.baseUrl();               // theatre API under /theatre/v1
 *     String jdbc = theatre.jdbcUrl();           // its PostgreSQL database
 *     theatre.admin().cancelShow(showId);        // schedule changes, box-office sales, reset
 *     theatre.admin().faults(Faults.down());     // make its theatre API fail; clearFaults() ends it
 *     theatre.admin().pay(paymentId, "4242 4242 4242 4242");   // pay without the hosted page
 *     theatre.admin().webhookSettings(0.5, 2_000, false);       // duplicated, reordered webhooks
 *     theatre.admin().deliveries();              // what was sent, how often, with what answer
 * }
 * }</pre>
 */
package dev.marquee.contracts.sandbox;
