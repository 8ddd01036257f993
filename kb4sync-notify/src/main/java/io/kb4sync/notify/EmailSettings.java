package io.kb4sync.notify;

import java.util.List;

/**
 * {@code notifications.email}: one way to send mail (SMTP or Graph sendMail, not both) and
 * addresses that get every company's notification besides the company's own {@code
 * knowbe4_notification_recipients}.
 *
 * @param smtp null unless mail goes through an SMTP relay
 * @param graph null unless mail goes through Microsoft Graph sendMail
 * @param recipients extra addresses (e.g. the MSP's service desk); null for none
 */
public record EmailSettings(SmtpSettings smtp, GraphMailSettings graph, List<String> recipients) {
  public EmailSettings {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }
}
