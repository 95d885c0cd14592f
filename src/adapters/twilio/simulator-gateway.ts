// Simulator mode: texts are stored like real ones and printed here instead of sent.
import { maskPhone } from '../log/logger.js';
import type { OutboundSms, ProviderText, SentSms, SmsGateway } from '../../app/ports.js';

export class SimulatorSmsGateway implements SmsGateway {
  readonly mode = 'simulator' as const;
  constructor(private readonly print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  async send(sms: OutboundSms): Promise<SentSms> {
    // Development only (production refuses simulator mode): the text is shown so a developer can follow the dialogue.
    this.print(`[simulator] to ${maskPhone(sms.to)}: ${sms.body}`);
    return { providerSid: `SIM${sms.messageId}`, status: 'sent' };
  }

  /** Printing never half-succeeds: nothing to find after a crash, so a text is printed again. */
  async findSent(): Promise<ProviderText[]> {
    return [];
  }
}
