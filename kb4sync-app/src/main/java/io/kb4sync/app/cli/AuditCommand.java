package io.kb4sync.app.cli;

import io.kb4sync.app.audit.AuditFormat;
import io.kb4sync.app.audit.AuditRunner;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.run.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code kb4sync audit}: the read-only "comprehensive audit" of one company, or of every configured
 * company: how far KnowBe4 has drifted from Microsoft 365 and what the next sync would do
 * (docs/audit.md).
 */
@Command(
    name = "audit",
    description =
        "Read-only drift report of KnowBe4 against Microsoft 365 and what the next sync would do;"
            + " writes nothing to either.",
    sortOptions = false,
    footer = {
      "",
      "Exit codes: 0 the audit ran (whatever it found), 1 a read failed or came back incomplete",
      "(the document says so), 2 usage or configuration error."
    })
public final class AuditCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin CompanySelection selection = new CompanySelection();

  @Option(
      names = "--format",
      paramLabel = "json|csv|html",
      converter = FormatConverter.class,
      description = "The document: json (default), csv or html.")
  AuditFormat format = AuditFormat.JSON;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the document to FILE instead of stdout.")
  Path output;

  public AuditCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    selection.requireOne("audit");
    Config loaded = selection.load(cli);
    List<CompanyConfig> companies = selection.companies(cli, loaded);
    List<AuditReport> audits =
        new AuditRunner(cli.connectors(), cli.clock(), cli.err())
            .run(loaded, companies, describe(), selection.allCompanies());
    byte[] document = format.render(audits, selection.allCompanies());
    if (output == null) {
      cli.out().write(document, 0, document.length);
      cli.out().flush();
    } else {
      Path file = cli.path(output);
      write(file, document);
      for (AuditReport audit : audits) {
        cli.err().println(summary(audit, file));
      }
    }
    return Outcome.worst(audits.stream().map(AuditReport::outcome).toList()).exitCode();
  }

  /** The options as one readable line for the run history (never a secret). */
  private String describe() {
    return "--format " + format + (output == null ? "" : " --output " + output);
  }

  private static String summary(AuditReport audit, Path file) {
    if (!audit.complete()) {
      return "kb4sync: ["
          + audit.companyId()
          + "] audit could not read: "
          + audit.errors().get(0).message()
          + " (written to "
          + file
          + ")";
    }
    AuditReport.Summary s = audit.summary();
    return "kb4sync: ["
        + audit.companyId()
        + "] audit written to "
        + file
        + ": "
        + s.critical()
        + " critical, "
        + s.warning()
        + " warning, "
        + s.info()
        + " info";
  }

  static void write(Path file, byte[] document) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temp = Files.createTempFile(parent, ".kb4sync-audit", ".tmp");
      Files.write(temp, document);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the audit to " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code --format}: json, csv or html, case-insensitive; anything else is a usage error. */
  static final class FormatConverter implements ITypeConverter<AuditFormat> {
    @Override
    public AuditFormat convert(String value) {
      try {
        return AuditFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
