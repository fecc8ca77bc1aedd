package dev.marquee.adapters;

import dev.marquee.contracts.conformance.ChainControl;
import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.SandboxAdmin;
import java.time.Instant;
import java.util.List;

/** The conformance kit's chain changes, made through a sandbox theatre's admin API, whichever adapter is under test. */
public record SandboxChainControl(SandboxAdmin admin) implements ChainControl {
    @Override
    public String addShow(String movieRef, String hallRef, Instant startsAt) {
        return admin.addShow(movieRef, hallRef, startsAt);
    }

    @Override
    public void moveShow(String showRef, Instant startsAt) {
        admin.moveShow(showRef, startsAt);
    }

    @Override
    public void cancelShow(String showRef) {
        admin.cancelShow(showRef);
    }

    @Override
    public void sell(String showRef, List<String> seatRefs) {
        if (admin.sell(showRef, seatRefs) instanceof BoxOfficeSale.SeatsTaken taken) {
            throw new IllegalStateException("the box office could not sell " + seatRefs + ": taken " + taken.seatIds());
        }
    }
}
