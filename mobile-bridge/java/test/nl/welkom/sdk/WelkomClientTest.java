package nl.welkom.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import nl.welkom.proto.v1.Journey;
import nl.welkom.proto.v1.JourneyStep;
import nl.welkom.proto.v1.Member;
import nl.welkom.proto.v1.Role;
import nl.welkom.proto.v1.UpdateStepRequest;
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

  /** A listener that collects the codes it hears. */
  private static WelkomClient.ChangeListener collect(List<Integer> codes) {
    return (code, method, request, message) -> {
      synchronized (codes) {
        codes.add(code);
      }
    };
  }

  private static UpdateStepRequest note(String key, String text) {
    return UpdateStepRequest.newBuilder().setStepKey(key).setNote(text).setSetNote(true).build();
  }

  private static JourneyStep step(Journey journey, String key) {
    for (JourneyStep s : journey.getStepsList()) {
      if (s.getKey().equals(key)) return s;
    }
    throw new AssertionError("no step " + key);
  }

  @Test
  public void stepChangeReachesTheServerAndTheCache() throws Exception {
    WelkomClient.Options o = options("journey.db");
    o.syncAutomatically = false;
    try (WelkomClient client = new WelkomClient(o)) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      Journey before = client.getJourney(WelkomClient.SOURCE_DEFAULT);
      assertTrue(before.getStepsCount() > 0);
      client.updateStep(note("dutch_course", "Tuesday evenings"));
      assertEquals(1, client.pendingChanges());
      assertEquals("Tuesday evenings",
          step(client.getJourney(WelkomClient.SOURCE_CACHE), "dutch_course").getNote());
      client.sync();
      assertEquals(0, client.pendingChanges());
    }
    try (WelkomClient other = new WelkomClient(options("journey-check.db"))) {
      other.login(server.newcomerEmail, server.newcomerPassword);
      Journey now = other.getJourney(WelkomClient.SOURCE_DEFAULT);
      assertEquals("Tuesday evenings", step(now, "dutch_course").getNote());
    }
  }

  @Test
  public void staleEtagReachesTheConflictListener() throws Exception {
    List<Integer> codes = new ArrayList<>();
    WelkomClient.Options o = options("phone.db");
    o.syncAutomatically = false;
    o.onConflict = collect(codes);
    try (WelkomClient phone = new WelkomClient(o);
        WelkomClient laptop = new WelkomClient(options("laptop.db"))) {
      phone.login(server.newcomerEmail, server.newcomerPassword);
      phone.getJourney(WelkomClient.SOURCE_DEFAULT);
      laptop.login(server.newcomerEmail, server.newcomerPassword);
      laptop.getJourney(WelkomClient.SOURCE_DEFAULT);
      laptop.updateStep(note("first_social_event", "laptop was first"));
      laptop.sync();
      phone.updateStep(note("first_social_event", "phone was late"));
      phone.sync();
      synchronized (codes) {
        assertEquals(1, codes.size());
        assertEquals(WelkomException.ABORTED, (int) codes.get(0));
      }
      assertEquals("laptop was first",
          step(phone.getJourney(WelkomClient.SOURCE_CACHE), "first_social_event").getNote());
    }
  }

  @Test
  public void readMarkForANotificationNotOwnedReachesTheRejectedListener() throws Exception {
    List<Integer> codes = new ArrayList<>();
    WelkomClient.Options o = options("inbox.db");
    o.syncAutomatically = false;
    o.onRejected = collect(codes);
    try (WelkomClient client = new WelkomClient(o)) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      int before = client.inbox(WelkomClient.SOURCE_DEFAULT).size();
      assertEquals(before, client.inbox(WelkomClient.SOURCE_CACHE).size());
      // A watch opens and closes without a notification to hand over.
      try (WelkomClient.Watch watch = client.watchNotifications(n -> {})) {
        client.markRead(987654321L);
        assertEquals(1, client.pendingChanges());
      }
      client.sync();
      assertEquals(0, client.pendingChanges());
      synchronized (codes) {
        assertEquals(1, codes.size());
        assertEquals(WelkomException.NOT_FOUND, (int) codes.get(0));
      }
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
