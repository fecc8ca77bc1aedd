// CPU time per call of the JDK HttpClient as the REST adapter uses it, with its tasks handed to virtual threads
// (as before) or run where they arise (Runnable::run, as now), alternately in one JVM. Run against a sandbox chain:
//   java bench/ChainClientCost.java http://127.0.0.1:9211/sandbox/v1/info 8000 2
// (calls per round, callers at once). The first rounds warm up and are not printed.
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

public class ChainClientCost {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int calls = Integer.parseInt(args[1]);
        int callers = Integer.parseInt(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < 7; round++) {
            for (String kind : new String[] {"on virtual threads", "where they arise"}) {
                Executor executor = kind.equals("where they arise") ? Runnable::run : Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
                AtomicInteger next = new AtomicInteger();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < callers; i++) {
                        pool.submit(() -> {
                            while (next.getAndIncrement() < calls) {
                                client.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
                                        HttpResponse.BodyHandlers.ofString());
                            }
                            return null;
                        });
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (round >= 3) {
                    System.out.printf("client tasks %s: %.1f µs CPU per call, %.0f calls/s%n", kind,
                            (os.getProcessCpuTime() - cpu0) / 1e3 / calls, calls / seconds);
                }
                client.close();
            }
        }
    }
}
