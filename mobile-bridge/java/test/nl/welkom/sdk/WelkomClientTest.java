package nl.welkom.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.welkom.proto.v1.BuddyProfile;
import nl.welkom.proto.v1.Course;
import nl.welkom.proto.v1.EnrolmentStatus;
import nl.welkom.proto.v1.Event;
import nl.welkom.proto.v1.Journey;
import nl.welkom.proto.v1.JourneyStep;
import nl.welkom.proto.v1.Member;
import nl.welkom.proto.v1.NewcomerPreferences;
import nl.welkom.proto.v1.Role;
import nl.welkom.proto.v1.RsvpStatus;
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

  private static int get(String url, StringBuilder body) throws Exception {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    int code = c.getResponseCode();
    if (code == 200) {
      body.append(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    c.disconnect();
    return code;
  }

  @Test
  public void invitationSignsInOnceAndTheNewPasswordReplacesTheOld()
      throws Exception {
    String code = server.inviteNewcomer("java.bridge@example.org");
    try (WelkomClient client = new WelkomClient(options("accept.db"))) {
      try {
        client.acceptInvitation(code, "short");
        fail("a weak password was accepted");
      } catch (WelkomException e) {
        assertEquals(WelkomException.INVALID_ARGUMENT, e.code());
      }
      Member member = client.acceptInvitation(code, "a good long password");
      assertEquals("java.bridge@example.org", member.getEmail());
      assertEquals(Role.ROLE_NEWCOMER, member.getRole());
      try {
        client.changePassword("not my password", "another long password");
        fail("a wrong current password was accepted");
      } catch (WelkomException e) {
        assertEquals(WelkomException.PERMISSION_DENIED, e.code());
      }
      client.changePassword("a good long password", "another long password");
    }
    try (WelkomClient other = new WelkomClient(options("accept-2.db"))) {
      try {
        other.acceptInvitation(code, "a third long password");
        fail("a used invitation signed in again");
      } catch (WelkomException e) {
        assertEquals(WelkomException.FAILED_PRECONDITION, e.code());
      }
      try {
        other.login("java.bridge@example.org", "a good long password");
        fail("the old password still works");
      } catch (WelkomException e) {
        assertEquals(WelkomException.UNAUTHENTICATED, e.code());
      }
      assertEquals("java.bridge@example.org",
          other.login("java.bridge@example.org", "another long password")
              .getEmail());
    }
  }

  @Test
  public void buddyProfileAndConsentReachTheServer() throws Exception {
    try (WelkomClient buddy = new WelkomClient(options("buddy.db"))) {
      buddy.login(server.buddyEmail, server.buddyPassword);
      BuddyProfile profile = buddy.buddyProfile(WelkomClient.SOURCE_DEFAULT);
      BuddyProfile saved = buddy.updateBuddyProfile(profile.toBuilder()
                                                        .setCapacity(2)
                                                        .clearInterests()
                                                        .addInterests("chess")
                                                        .build());
      assertEquals(2, saved.getCapacity());
      assertEquals(List.of("chess"), saved.getInterestsList());
      try {
        buddy.updateBuddyProfile(saved.toBuilder().setCapacity(9).build());
        fail("capacity 9 was accepted");
      } catch (WelkomException e) {
        assertEquals(WelkomException.INVALID_ARGUMENT, e.code());
      }
      assertEquals(
          2, buddy.buddyProfile(WelkomClient.SOURCE_CACHE).getCapacity());
      assertTrue(buddy.isOnline());
    }
    try (WelkomClient newcomer = new WelkomClient(options("consent.db"))) {
      newcomer.login(server.newcomerEmail, server.newcomerPassword);
      assertTrue(newcomer.grantConsent().getAdvisorConsent());
      assertFalse(newcomer.withdrawConsent().getAdvisorConsent());
      NewcomerPreferences prefs =
          newcomer.setBuddyPreferences(NewcomerPreferences.newBuilder()
                                           .addLanguages("en")
                                           .addInterests("chess")
                                           .build());
      assertEquals(List.of("en"), prefs.getLanguagesList());
      // A newcomer sees a buddy only through the limited profile.
      for (nl.welkom.proto.v1.Match m :
          newcomer.matches(WelkomClient.SOURCE_DEFAULT)) {
        assertEquals("", m.getBuddyId());
      }
    }
  }

  @Test
  public void calendarFeedAddressServesTheCalendarUntilRevoked() throws Exception {
    WelkomClient.Options o = options("calendar.db");
    o.webBaseUrl = server.webBaseUrl();
    try (WelkomClient client = new WelkomClient(o)) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      try {
        client.calendarFeedUrl();
        fail("a feed address before any was made");
      } catch (WelkomException e) {
        assertEquals(WelkomException.NOT_FOUND, e.code());
      }
      String url = client.renewCalendarFeed();
      assertTrue(url, url.startsWith(server.webBaseUrl() + "/calendar/"));
      assertTrue(url, url.endsWith(".ics"));
      assertEquals(url, client.calendarFeedUrl());
      StringBuilder ics = new StringBuilder();
      assertEquals(200, get(url, ics));
      assertTrue(ics.toString(), ics.toString().startsWith("BEGIN:VCALENDAR"));
      // The newcomer's journey deadlines are in it.
      assertTrue(ics.toString(), ics.toString().contains("BEGIN:VTODO")
          || ics.toString().contains("BEGIN:VEVENT"));
      client.revokeCalendarFeed();
      assertEquals(404, get(url, new StringBuilder()));
      try {
        client.calendarFeedUrl();
        fail("the revoked address is still kept");
      } catch (WelkomException e) {
        assertEquals(WelkomException.NOT_FOUND, e.code());
      }
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

  private static Course course(List<Course> courses, String id) {
    for (Course c : courses) {
      if (c.getId().equals(id)) return c;
    }
    throw new AssertionError("no course " + id);
  }

  @Test
  public void enrolmentMadeOfflineReachesTheServerOnceAndWithdrawFreesTheSeat()
      throws Exception {
    String id;
    int before;
    try (WelkomClient client = new WelkomClient(options("classes.db"))) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      List<Course> courses = client.classes(WelkomClient.SOURCE_DEFAULT);
      assertFalse("the demo region offers Dutch courses", courses.isEmpty());
      id = courses.get(0).getId();
      before = courses.get(0).getEnrolledCount();
    }
    WelkomClient.Options offline = options("classes.db");
    offline.target = "127.0.0.1:1";  // nothing listens there
    try (WelkomClient client = new WelkomClient(offline)) {
      client.enrol(id);
      assertEquals(1, client.pendingChanges());
      Course shown = course(client.classes(WelkomClient.SOURCE_DEFAULT), id);
      assertEquals(EnrolmentStatus.ENROLMENT_STATUS_ENROLLED, shown.getMyEnrolment());
      assertEquals(before + 1, shown.getEnrolledCount());
    }
    WelkomClient.Options online = options("classes.db");
    online.syncAutomatically = false;
    try (WelkomClient client = new WelkomClient(online)) {
      client.sync();
      assertEquals(0, client.pendingChanges());
      Course now = course(client.classes(WelkomClient.SOURCE_DEFAULT), id);
      assertEquals(EnrolmentStatus.ENROLMENT_STATUS_ENROLLED, now.getMyEnrolment());
      assertEquals(before + 1, now.getEnrolledCount());
      client.withdraw(id);
      client.sync();
      now = course(client.classes(WelkomClient.SOURCE_DEFAULT), id);
      assertEquals(EnrolmentStatus.ENROLMENT_STATUS_CANCELLED, now.getMyEnrolment());
      assertEquals(before, now.getEnrolledCount());
    }
  }

  @Test
  public void rsvpTakesASeatAndCancelGivesItBack() throws Exception {
    List<Integer> rejected = new ArrayList<>();
    WelkomClient.Options o = options("events.db");
    o.syncAutomatically = false;
    o.onRejected = collect(rejected);
    try (WelkomClient client = new WelkomClient(o)) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      Event open = null;
      for (Event e : client.events(WelkomClient.SOURCE_DEFAULT)) {
        if (open == null && !e.getCancelled()
            && e.getMyRsvp() == RsvpStatus.RSVP_STATUS_UNSPECIFIED
            && e.getConfirmedCount() < e.getCapacity()) {
          open = e;
        }
      }
      assertTrue("the demo region has an open event", open != null);
      client.rsvp(open.getId());
      client.rsvp(open.getId());
      client.sync();
      synchronized (rejected) {
        assertEquals(1, rejected.size());
        assertEquals(WelkomException.ALREADY_EXISTS, (int) rejected.get(0));
      }
      assertEquals(RsvpStatus.RSVP_STATUS_CONFIRMED, find(client, open.getId()).getMyRsvp());
      client.cancelRsvp(open.getId());
      client.sync();
      assertEquals(RsvpStatus.RSVP_STATUS_CANCELLED, find(client, open.getId()).getMyRsvp());
    }
  }

  private static Event find(WelkomClient client, String id) throws WelkomException {
    for (Event e : client.events(WelkomClient.SOURCE_DEFAULT)) {
      if (e.getId().equals(id)) return e;
    }
    throw new AssertionError("no event " + id);
  }

  @Test
  public void emptyIdIsRefusedAtOnce() throws Exception {
    try (WelkomClient client = new WelkomClient(options("empty-id.db"))) {
      client.login(server.newcomerEmail, server.newcomerPassword);
      client.enrol("");
      fail("an empty course id was queued");
    } catch (WelkomException e) {
      assertEquals(WelkomException.INVALID_ARGUMENT, e.code());
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
