package nl.welkom.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The real welkomd (path in -Dwelkomd) with the demo region, for tests. */
final class Welkomd implements AutoCloseable {
  final Path dir;
  final int grpcPort;
  final int httpPort;
  final String newcomerEmail;
  final String newcomerPassword;
  final String newcomerId;
  final String buddyEmail;
  final String buddyPassword;
  final String hrEmail;
  final String hrPassword;
  private final Process process;

  Welkomd() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("welkom-java-test");
    Path ports = dir.resolve("ports");
    process = new ProcessBuilder(System.getProperty("welkomd"),
        "--db=" + dir.resolve("welkom.db"), "--grpc-listen=127.0.0.1:0",
        "--http-listen=127.0.0.1:0", "--port-file=" + ports, "--demo")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("log.txt").toFile())
        .start();
    int port = 0;
    int web = 0;
    for (int waited = 0; port == 0 || web == 0; waited += 20) {
      if (waited > 30000 || !process.isAlive()) {
        throw new IOException("welkomd did not start: " + dir);
      }
      Thread.sleep(20);
      if (Files.exists(ports)) {
        for (String line : Files.readAllLines(ports)) {
          if (line.startsWith("grpc=")) port = Integer.parseInt(line.substring(5));
          if (line.startsWith("http=")) web = Integer.parseInt(line.substring(5));
        }
      }
    }
    grpcPort = port;
    httpPort = web;
    String[] newcomer = null;
    String[] hr = null;
    String[] buddy = null;
    List<String> lines = Files.readAllLines(dir.resolve("demo-accounts.txt"));
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length == 6 && f[0].equals("newcomer")) newcomer = f;
      if (f.length == 6 && f[0].equals("hr") && hr == null)
        hr = f;
      if (f.length == 6 && f[0].equals("buddy") && buddy == null)
        buddy = f;
    }
    if (newcomer == null) throw new IOException("no demo newcomer");
    newcomerEmail = newcomer[1];
    newcomerPassword = newcomer[2];
    newcomerId = newcomer[4];
    if (hr == null)
      throw new IOException("no demo HR account");
    hrEmail = hr[1];
    hrPassword = hr[2];
    if (buddy == null)
      throw new IOException("no demo buddy");
    buddyEmail = buddy[1];
    buddyPassword = buddy[2];
  }

  /** The demo HR account invites a newcomer; returns the one-time code. */
  String inviteNewcomer(String email) throws IOException {
    String login = post("/welkom.v1.IdentityService/Login", null,
        "{\"email\":\"" + hrEmail + "\",\"password\":\"" + hrPassword + "\"}");
    String invitation = post("/welkom.v1.IdentityService/CreateInvitation",
        jsonString(login, "token"),
        "{\"role\":\"ROLE_NEWCOMER\",\"email\":\"" + email
            + "\",\"displayName\":\"Java Tester\"}");
    return jsonString(invitation, "code");
  }

  private String post(String path, String token, String body)
      throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) new java.net.URL(webBaseUrl() + path)
            .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    if (token != null)
      c.setRequestProperty("Authorization", "Bearer " + token);
    c.getOutputStream().write(
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (c.getResponseCode() != 200) {
      throw new IOException(path + " answered " + c.getResponseCode());
    }
    return new String(c.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String jsonString(String json, String key) throws IOException {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + key + "\":\"([^\"]+)\"")
            .matcher(json);
    if (!m.find())
      throw new IOException("no " + key + " in " + json);
    return m.group(1);
  }

  String target() {
    return "127.0.0.1:" + grpcPort;
  }

  String webBaseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    process.waitFor();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
