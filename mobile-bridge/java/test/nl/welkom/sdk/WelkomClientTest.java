package nl.welkom.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import nl.welkom.proto.v1.Member;
import nl.welkom.proto.v1.Role;
import nl.welkom.proto.v1.WhoAmIResponse;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The JNI binding against a real welkomd on the desktop JDK. */
public class WelkomClientTest {
  private static Welkomd server;

  @BeforeClass
  public static void startServer() throws Exception {
    server = new Welkomd();
  }

  @AfterClass
  public static void stopServer() throws Exception {
    server.close();
  }

  private static WelkomClient.Options options(String cacheName) {
    WelkomClient.Options o = new WelkomClient.Options();
    o.target = server.target();
    o.cachePath = server.dir.resolve(cacheName).toString();
    return o;
  }

  @Test
  public void loginReturnsTheMemberAndWhoAmIAgrees() throws Exception {
    try (WelkomClient client = new WelkomClient(options("login.db"))) {
      Member me = client.login(server.newcomerEmail, server.newcomerPassword);
      assertEquals(Role.ROLE_NEWCOMER, me.getRole());
      assertTrue(client.isSignedIn());
      WhoAmIResponse who = client.whoAmI(WelkomClient.SOURCE_DEFAULT);
      assertEquals(server.newcomerId, who.getMember().getId());
      assertEquals(0, client.pendingChanges());
    }
  }

  @Test
  public void wrongPasswordThrowsUnauthenticated() throws Exception {
    try (WelkomClient client = new WelkomClient(options("wrong.db"))) {
      client.login(server.newcomerEmail, "definitely-not-it");
      fail("login with a wrong password succeeded");
    } catch (WelkomException e) {
      assertEquals(WelkomException.UNAUTHENTICATED, e.code());
    }
  }

  @Test
  public void whoAmIComesFromTheCacheWhenTheServerCannotBeReached() throws Exception {
    try (WelkomClient client = new WelkomClient(options("offline.db"))) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      client.whoAmI(WelkomClient.SOURCE_DEFAULT);
    }
    WelkomClient.Options offline = options("offline.db");
    offline.target = "127.0.0.1:1";  // nothing listens there
    try (WelkomClient client = new WelkomClient(offline)) {
      assertTrue(client.isSignedIn());
      WhoAmIResponse who = client.whoAmI(WelkomClient.SOURCE_DEFAULT);
      assertEquals(server.newcomerId, who.getMember().getId());
    }
  }

  @Test
  public void cacheOnlyReadWithNothingCachedThrowsNotFound() throws Exception {
    try (WelkomClient client = new WelkomClient(options("empty.db"))) {
      client.whoAmI(WelkomClient.SOURCE_CACHE);
      fail("read from an empty cache succeeded");
    } catch (WelkomException e) {
      assertEquals(WelkomException.NOT_FOUND, e.code());
    }
  }

  @Test
  public void closedClientThrowsInsteadOfCrashing() throws Exception {
    WelkomClient client = new WelkomClient(options("closed.db"));
    client.close();
    client.close();
    try {
      client.isSignedIn();
      fail("a closed client answered");
    } catch (WelkomException e) {
      assertEquals(WelkomException.FAILED_PRECONDITION, e.code());
    }
    assertFalse(client.toString().isEmpty());
  }
}
