package io.kb4sync.app.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every end-to-end test class shares: a temporary folder that is both the calling folder of
 * the kb4sync process and the configuration's folder (so the state database lands in {@code state/}
 * under it), and a way to run {@code kb4sync sync} against one company.
 */
abstract class EndToEndTest {
  static final String COMPANY = "1001";

  @TempDir Path dir;

  /** The jar, run from {@link #dir}, with the secrets of the given companies in its environment. */
  Kb4syncJar kb4sync(World... worlds) {
    Kb4syncJar jar = Kb4syncJar.in(dir);
    for (World world : worlds) {
      jar.env(world.env());
    }
    return jar;
  }

  /** A configuration of the one company {@value #COMPANY} of {@code world}, with defaults. */
  Path config(World world) {
    Config config = Config.create();
    config.company(COMPANY, world);
    return config.writeTo(dir);
  }

  /** {@code kb4sync sync --config CONFIG --company 1001 EXTRA...}, run to the end. */
  Run sync(World world, Path config, String... extra) {
    List<String> args = new ArrayList<>(List.of("sync", "--config", config.toString()));
    args.add("--company");
    args.add(COMPANY);
    args.addAll(List.of(extra));
    return kb4sync(world).run(args.toArray(String[]::new));
  }

  /** The state folder of configurations written by {@link Config}. */
  Path stateFolder() {
    return dir.resolve("state");
  }
}
