// Staff display names from Slack (users.info), cached for the process: the
// name a patient sees before a staff text ("Nurse Kim: ...").
import type { webApi } from '@slack/bolt';
import type { StaffMember } from '../../app/escalations/staff.js';
import type { Logger } from '../../app/ports.js';

export class StaffDirectory {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  /** Never fails: without users.info the Slack handle (or id) is used, and not cached. */
  async member(userId: string, fallback?: string): Promise<StaffMember> {
    const cached = this.names.get(userId);
    if (cached) return { actor: `slack:${userId}`, name: cached };
    try {
      const res = await this.client.users.info({ user: userId });
      const u = res.user;
      const name = [u?.profile?.display_name, u?.profile?.real_name, u?.real_name, u?.name].find((n) => n && n.trim())?.trim();
      if (name) {
        this.names.set(userId, name);
        return { actor: `slack:${userId}`, name };
      }
    } catch (err) {
      this.logger.warn({ err, userId }, 'users.info failed; using the Slack handle');
    }
    return { actor: `slack:${userId}`, name: fallback || userId };
  }
}
