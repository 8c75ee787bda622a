package dev.ess.runtime.delivery;

/**
 * What one event's delivery went through so far, as far as retry decisions need it.
 *
 * @param attempts failed calls that counted against {@code max_retry}
 * @param answersAtBlame the partner's {@linkplain PartnerState#answers() answer count} when this
 *     event's last failure was blamed on the partner (or when it first failed), or -1 before its
 *     first failure: an answer to another event since then shows the partner works
 * @param probe whether the call that just failed was the partner's probe
 */
public record History(int attempts, long answersAtBlame, boolean probe) {

    /** An event not tried yet, or tried in an earlier run with {@code attempts} counted calls. */
    public static History of(int attempts) {
        return new History(attempts, -1, false);
    }

    History withProbe(boolean probe) {
        return new History(attempts, answersAtBlame, probe);
    }

    /** Whether the partner answered another event since this event's failures were last blamed on it. */
    boolean partnerWorkedSince(PartnerState partner) {
        return answersAtBlame >= 0 && partner.answers() > answersAtBlame;
    }

    History counted() {
        return new History(attempts + 1, answersAtBlame, false);
    }

    /** This failure is the partner's fault: evidence that it works must come from now on. */
    History blamed(PartnerState partner) {
        return new History(attempts, partner.answers(), false);
    }

    /** Keeps the earliest blame, so that answers during a run of retries count as evidence. */
    History retried(PartnerState partner) {
        return answersAtBlame >= 0 ? new History(attempts, answersAtBlame, false) : blamed(partner);
    }
}
