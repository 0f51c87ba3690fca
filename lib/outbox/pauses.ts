import { poolOf, type Database } from "@/lib/db/client";
import type { LocationDirectory } from "@/lib/locations/directory";

/**
 * A location whose token LeadConnector refused is paused (its submissions wait, spending no attempts) and probed
 * with one real delivery at most every `probeEveryMs`; one whose lookups are refused is marked degraded.
 */
export function createLocationPauses({ db, locations, probeEveryMs }: { db: Database; locations: LocationDirectory; probeEveryMs: number }) {
  const resume = (locationId: string) =>
    db.location.updateMany({ where: { id: locationId }, data: { pausedAt: null, pauseReason: null, pausedTokenFingerprint: null } });

  return {
    resume,

    async pause(locationId: string, reason: string, fingerprint: string | null) {
      const data = { pausedAt: new Date(), pauseReason: reason, pausedTokenFingerprint: fingerprint, lastProbeAt: new Date() };
      await db.location.upsert({ where: { id: locationId }, create: { id: locationId, name: locationId, ...data }, update: data });
    },

    async markDegraded(locationId: string, answerReason: string, fingerprint: string) {
      const reason = `The token may not search contacts (GET /contacts/search/duplicate: ${answerReason}); add the contacts.readonly scope. Until then a submission whose answer was lost is created again without looking, which can duplicate the contact.`;
      const data = { degradedAt: new Date(), degradedReason: reason, degradedTokenFingerprint: fingerprint };
      await db.location.upsert({ where: { id: locationId }, create: { id: locationId, name: locationId, ...data }, update: data });
    },

    clearDegraded(locationId: string) {
      return db.location.updateMany({
        where: { id: locationId, degradedAt: { not: null } },
        data: { degradedAt: null, degradedReason: null, degradedTokenFingerprint: null },
      });
    },

    /**
     * Paused locations resume when their token changed, or when a probe gets through. `probe` delivers one of the
     * location's submissions and says whether there was one. Returns how many probes ran.
     */
    async probePaused(probe: (locationId: string) => Promise<boolean>): Promise<number> {
      // Every pass asks, so through pg: Prisma's engine cost more CPU than the rest of a one-row pass.
      const { rows: paused } = await poolOf(db).query<{ id: string; pausedTokenFingerprint: string | null }>(
        `SELECT id, "pausedTokenFingerprint" FROM "Location" WHERE "pausedAt" IS NOT NULL`,
      );
      let handled = 0;
      for (const location of paused) {
        const access = await locations.access(location.id);
        if (access && location.pausedTokenFingerprint !== null && access.fingerprint !== location.pausedTokenFingerprint) {
          await resume(location.id);
          continue;
        }
        if (!access) continue;
        // Only one worker wins the probe slot per interval, however many are running.
        const { count } = await db.location.updateMany({
          where: { id: location.id, pausedAt: { not: null }, OR: [{ lastProbeAt: null }, { lastProbeAt: { lt: new Date(Date.now() - probeEveryMs) } }] },
          data: { lastProbeAt: new Date() },
        });
        if (count === 0) continue;
        if (await probe(location.id)) handled += 1;
        else await resume(location.id); // nothing waits: the next real delivery is the probe
      }
      return handled;
    },
  };
}
