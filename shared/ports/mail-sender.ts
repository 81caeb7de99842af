/** The mail service: one raw MIME message to one recipient. */
export interface MailSender {
  sendRaw(message: { from: string; to: string; raw: Buffer }): Promise<{ messageId: string }>;
}
