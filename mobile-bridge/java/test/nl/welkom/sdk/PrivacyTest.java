package nl.welkom.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import nl.welkom.proto.v1.ErasureState;
import nl.welkom.proto.v1.ErasureStatus;
import nl.welkom.proto.v1.Invitation;
import nl.welkom.proto.v1.Role;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The JNI binding's invitation preview, export and erasure against a real
 * welkomd on the desktop JDK.
 */
public class PrivacyTest {
  private static Welkomd server;

  @BeforeClass
  public static void startServer() throws Exception {
    server = new Welkomd();
  }

  @AfterClass
  public static void stopServer() throws Exception {
    server.close();
  }

  private static WelkomClient open(String cacheName) throws WelkomException {
    WelkomClient.Options o = new WelkomClient.Options();
    o.target = server.target();
    o.cachePath = server.dir.resolve(cacheName).toString();
    return new WelkomClient(o);
  }

  private static void expectCode(int code, ThrowingRunnable call)
      throws Exception {
    try {
      call.run();
      fail("expected code " + code);
    } catch (WelkomException e) {
      assertEquals(code, e.code());
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  public void theInvitationShowsBeforeTheExportAndTheErasureCanBeCalledOff()
      throws Exception {
    String code = server.inviteNewcomer("java.privacy@example.org");
    try (WelkomClient client = open("privacy.db")) {
      Invitation invitation = client.getInvitation(code);
      assertEquals("java.privacy@example.org", invitation.getEmail());
      assertEquals(Role.ROLE_NEWCOMER, invitation.getRole());
      expectCode(WelkomException.NOT_FOUND,
          () -> client.getInvitation("no-such-code"));
      client.acceptInvitation(code, "a good long password");

      String json = client.exportMyData();
      assertTrue(
          json, json.contains("\"email\": \"java.privacy@example.org\""));

      ErasureStatus asked = client.requestErasure();
      assertEquals(ErasureState.ERASURE_STATE_SCHEDULED, asked.getState());
      assertEquals(7 * 86400,
          asked.getEraseTime().getSeconds()
              - asked.getRequestTime().getSeconds());
      assertEquals(
          asked.getEraseTime(), client.requestErasure().getEraseTime());
      assertEquals(asked, client.erasureStatus());
      assertEquals(
          ErasureState.ERASURE_STATE_NONE, client.cancelErasure().getState());
      expectCode(WelkomException.FAILED_PRECONDITION, client::cancelErasure);
    }
  }
}
