// A thin Swift wrapper over the C ABI (welkom.h) for the iOS app. Results
// are the app's own SwiftProtobuf types generated from proto/welkom/v1
// (protoc --swift_out), e.g. Welkom_V1_Journey. Not compiled in this
// repository (no Swift toolchain here); see README.md beside it.
import CWelkom
import Foundation
import SwiftProtobuf

public struct WelkomError: Error {
  /// The canonical gRPC code (WELKOM_* in welkom.h); 14 means offline.
  public let code: Int32
  public let message: String

  init(_ err: welkom_error) {
    code = err.code
    var text = err.message
    message = withUnsafeBytes(of: &text) { raw in
      String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
    }
  }
}

public enum WelkomSource: Int32 {
  case server = 0  // WELKOM_SOURCE_DEFAULT: the server, else the cache
  case cache = 1   // WELKOM_SOURCE_CACHE
}

/// A change the server refused for good: code 10 (ABORTED) is a stale etag.
public struct WelkomChange {
  public let code: Int32
  public let method: String
  public let request: Data
  public let message: String
}

/// Offline-first client of welkomd. Every call blocks: call it off the main
/// thread. Listeners run on the SDK's own thread.
public final class WelkomClient {
  public struct Options {
    public var target = "127.0.0.1:50051"
    /// In the app's Application Support directory.
    public var cachePath: String
    /// PEM roots for TLS; nil: no TLS; "": the system's roots.
    public var tlsRoots: String?
    /// welkomd's HTTP port as the phone reaches it, for the calendar feed.
    public var webBaseURL = "http://127.0.0.1:8080"
    public var syncAutomatically = true
    public var onConflict: ((WelkomChange) -> Void)?
    public var onRejected: ((WelkomChange) -> Void)?

    public init(cachePath: String) { self.cachePath = cachePath }
  }

  // Boxes kept alive for as long as the client, passed as C userdata.
  private final class ChangeBox {
    let fn: (WelkomChange) -> Void
    init(_ fn: @escaping (WelkomChange) -> Void) { self.fn = fn }
  }
  private final class NotificationBox {
    let fn: (Welkom_V1_Notification) -> Void
    init(_ fn: @escaping (Welkom_V1_Notification) -> Void) { self.fn = fn }
  }

  private static let changeTrampoline: welkom_change_fn = {
    userdata, code, method, request, size, message in
    let box = Unmanaged<ChangeBox>.fromOpaque(userdata!).takeUnretainedValue()
    box.fn(WelkomChange(
      code: code, method: String(cString: method!),
      request: request.map { Data(bytes: $0, count: size) } ?? Data(),
      message: String(cString: message!)))
  }

  private let handle: OpaquePointer
  private var boxes: [AnyObject] = []

  public init(_ options: Options) throws {
    let o = welkom_options_new()!
    defer { welkom_options_free(o) }
    welkom_options_set_target(o, options.target)
    welkom_options_set_cache_path(o, options.cachePath)
    if let roots = options.tlsRoots {
      welkom_options_set_tls(o, roots, roots.utf8.count)
    }
    welkom_options_set_web_base_url(o, options.webBaseURL)
    welkom_options_set_sync_automatically(o, options.syncAutomatically)
    if let fn = options.onConflict {
      let box = ChangeBox(fn)
      boxes.append(box)
      welkom_options_set_conflict_callback(
        o, WelkomClient.changeTrampoline, Unmanaged.passUnretained(box).toOpaque())
    }
    if let fn = options.onRejected {
      let box = ChangeBox(fn)
      boxes.append(box)
      welkom_options_set_rejected_callback(
        o, WelkomClient.changeTrampoline, Unmanaged.passUnretained(box).toOpaque())
    }
    var err = welkom_error()
    guard let client = welkom_client_open(o, &err) else { throw WelkomError(err) }
    handle = client
  }

  /// Changes not sent stay in the outbox for the next client on the cache.
  deinit { welkom_client_free(handle) }

  public func login(email: String, password: String) throws -> Welkom_V1_Member {
    try message { welkom_client_login(handle, email, password, $0) }
  }

  /// Accepts an invitation code (sets the password) and signs in.
  /// Who invites whom into which organisation, before accepting; code 5
  /// (NOT_FOUND) for a wrong, used, revoked or expired code.
  public func invitation(code: String) throws -> Welkom_V1_Invitation {
    try message { welkom_client_get_invitation(handle, code, $0) }
  }

  public func acceptInvitation(code: String, password: String) throws -> Welkom_V1_Member {
    try message { welkom_client_accept_invitation(handle, code, password, $0) }
  }

  /// Needs the server; every other session of the account is signed out.
  public func changePassword(current: String, new newPassword: String) throws {
    try check { welkom_client_change_password(handle, current, newPassword, $0) }
  }

  public func whoAmI(_ source: WelkomSource = .server) throws -> Welkom_V1_WhoAmIResponse {
    try message { welkom_client_whoami(handle, source.rawValue, $0) }
  }

  /// Whether the last call reached the server (else reads come from the cache).
  public var isOnline: Bool { welkom_client_online(handle) }

  /// Consent and check-ins need the server; each answers the journey as it is now.
  public func grantConsent() throws -> Welkom_V1_Journey {
    try message { welkom_client_grant_consent(handle, $0) }
  }

  public func withdrawConsent() throws -> Welkom_V1_Journey {
    try message { welkom_client_withdraw_consent(handle, $0) }
  }

  public func submitCheckIn(day: Int32, score: Int32, comment: String = "") throws
    -> Welkom_V1_Journey
  {
    try message { welkom_client_submit_check_in(handle, day, score, comment, $0) }
  }

  public func buddyPreferences(_ source: WelkomSource = .server) throws
    -> Welkom_V1_NewcomerPreferences
  {
    try message { welkom_client_buddy_preferences(handle, source.rawValue, $0) }
  }

  public func setBuddyPreferences(_ preferences: Welkom_V1_NewcomerPreferences) throws
    -> Welkom_V1_NewcomerPreferences
  {
    let bytes = try preferences.serializedData()
    return try message { err in
      bytes.withUnsafeBytes { raw in
        welkom_client_set_buddy_preferences(
          handle, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, err)
      }
    }
  }

  public func buddyProfile(_ source: WelkomSource = .server) throws -> Welkom_V1_BuddyProfile {
    try message { welkom_client_buddy_profile(handle, source.rawValue, $0) }
  }

  public func updateBuddyProfile(_ profile: Welkom_V1_BuddyProfile) throws
    -> Welkom_V1_BuddyProfile
  {
    let bytes = try profile.serializedData()
    return try message { err in
      bytes.withUnsafeBytes { raw in
        welkom_client_update_buddy_profile(
          handle, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, err)
      }
    }
  }

  /// A buddy's proposals and matched newcomers, or a newcomer's buddy.
  public func matches(_ source: WelkomSource = .server) throws -> [Welkom_V1_Match] {
    let list: Welkom_V1_ListMatchesResponse =
      try message { welkom_client_matches(handle, source.rawValue, $0) }
    return list.matches
  }

  public func answerProposal(matchID: String, accept: Bool) throws -> Welkom_V1_Match {
    try message { welkom_client_answer_proposal(handle, matchID, accept, $0) }
  }

  public func requestRematch(matchID: String) throws -> Welkom_V1_Match {
    try message { welkom_client_request_rematch(handle, matchID, $0) }
  }

  public func journey(_ source: WelkomSource = .server) throws -> Welkom_V1_Journey {
    try message { welkom_client_journey(handle, source.rawValue, $0) }
  }

  /// Queued in the outbox (works offline); the verdict comes to the listeners.
  public func updateStep(_ change: Welkom_V1_UpdateStepRequest) throws {
    let bytes = try change.serializedData()
    try check { err in
      bytes.withUnsafeBytes { raw in
        welkom_client_update_step(
          handle, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, err)
      }
    }
  }

  public func inbox(_ source: WelkomSource = .server) throws -> [Welkom_V1_Notification] {
    let list: Welkom_V1_ListNotificationsResponse =
      try message { welkom_client_inbox(handle, source.rawValue, $0) }
    return list.notifications
  }

  public func markRead(_ ids: [Int64]) throws {
    try check { err in ids.withUnsafeBufferPointer {
      welkom_client_mark_read(handle, $0.baseAddress, $0.count, err)
    } }
  }

  /// Upcoming events, with RSVPs still in the outbox laid over.
  public func events(_ source: WelkomSource = .server) throws -> [Welkom_V1_Event] {
    let list: Welkom_V1_ListEventsResponse =
      try message { welkom_client_events(handle, source.rawValue, $0) }
    return list.events
  }

  /// A seat (or waitlist place) through the outbox; works offline.
  public func rsvp(eventID: String) throws {
    try check { welkom_client_rsvp(handle, eventID, $0) }
  }

  public func cancelRsvp(eventID: String) throws {
    try check { welkom_client_cancel_rsvp(handle, eventID, $0) }
  }

  /// Dutch classes on offer, each with the user's own enrolment (cached).
  public func classes(_ source: WelkomSource = .server) throws -> [Welkom_V1_Course] {
    let list: Welkom_V1_ListCoursesResponse =
      try message { welkom_client_classes(handle, source.rawValue, $0) }
    return list.courses
  }

  /// Enrols through the outbox; works offline.
  public func enrol(courseID: String) throws {
    try check { welkom_client_enrol(handle, courseID, $0) }
  }

  public func withdraw(courseID: String) throws {
    try check { welkom_client_withdraw(handle, courseID, $0) }
  }

  /// A new secret address of the personal calendar feed (events, class
  /// sessions, journey deadlines as .ics); the one before is revoked.
  /// Needs the server.
  public func renewCalendarFeed() throws -> String {
    let address: Google_Protobuf_StringValue =
      try message { welkom_client_renew_calendar_feed(handle, $0) }
    return address.value
  }

  /// The feed address last made on this device; code 5 (NOT_FOUND) if none.
  public func calendarFeedURL() throws -> String {
    let address: Google_Protobuf_StringValue =
      try message { welkom_client_calendar_feed_url(handle, $0) }
    return address.value
  }

  /// Revokes the feed: its address answers 404 from then on.
  public func revokeCalendarFeed() throws {
    try check { welkom_client_revoke_calendar_feed(handle, $0) }
  }

  /// Everything Welkom holds about the member as one JSON document
  /// (welkom.v1.PersonalData), to save as a file. Needs the server.
  public func exportMyData() throws -> String {
    let json: Google_Protobuf_StringValue =
      try message { welkom_client_export_my_data(handle, $0) }
    return json.value
  }

  /// A newcomer's or buddy's erasure: ask for it (carried out after the
  /// server's cooling-off period; asked again, the first request stands),
  /// call it off (code 9, FAILED_PRECONDITION, when none waits) or read it.
  public func requestErasure() throws -> Welkom_V1_ErasureStatus {
    try message { welkom_client_request_erasure(handle, $0) }
  }

  public func cancelErasure() throws -> Welkom_V1_ErasureStatus {
    try message { welkom_client_cancel_erasure(handle, $0) }
  }

  public func erasureStatus() throws -> Welkom_V1_ErasureStatus {
    try message { welkom_client_get_erasure_status(handle, $0) }
  }

  /// How each kind of notification reaches the member by e-mail (at once,
  /// in the daily digest, or not at all), with the set's etag. Needs the
  /// server.
  public func notificationPreferences() throws -> Welkom_V1_NotificationPreferences {
    try message { welkom_client_notification_preferences(handle, $0) }
  }

  /// Changes the kinds in `request` (with the etag last read, or none):
  /// code 10 (ABORTED) for a stale etag, 9 (FAILED_PRECONDITION) for a kind
  /// that cannot be turned off.
  public func setNotificationPreferences(_ request: Welkom_V1_SetNotificationPreferencesRequest)
    throws -> Welkom_V1_NotificationPreferences
  {
    let bytes = try request.serializedData()
    return try message { err in
      bytes.withUnsafeBytes { raw in
        welkom_client_set_notification_preferences(
          handle, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, err)
      }
    }
  }

  /// Sends the outbox; throws code 14 (UNAVAILABLE) while offline.
  public func sync() throws { try check { welkom_client_sync(handle, $0) } }

  /// New notifications until the returned watch is released (release it
  /// before the client, and not from inside `listener`).
  public func watchNotifications(
    _ listener: @escaping (Welkom_V1_Notification) -> Void
  ) throws -> WelkomWatch {
    let box = NotificationBox(listener)
    var err = welkom_error()
    let trampoline: welkom_notification_fn = { userdata, data, size in
      let box = Unmanaged<NotificationBox>.fromOpaque(userdata!).takeUnretainedValue()
      if let n = try? Welkom_V1_Notification(serializedData: Data(bytes: data!, count: size)) {
        box.fn(n)
      }
    }
    guard let watch = welkom_client_watch_notifications(
      handle, trampoline, Unmanaged.passUnretained(box).toOpaque(), &err)
    else { throw WelkomError(err) }
    return WelkomWatch(watch, keeping: box)
  }

  private func message<M: SwiftProtobuf.Message>(
    _ call: (UnsafeMutablePointer<welkom_error>) -> OpaquePointer?
  ) throws -> M {
    var err = welkom_error()
    guard let buffer = call(&err) else { throw WelkomError(err) }
    defer { welkom_buffer_free(buffer) }
    let data = Data(bytes: welkom_buffer_data(buffer), count: welkom_buffer_size(buffer))
    return try M(serializedData: data)
  }

  private func check(_ call: (UnsafeMutablePointer<welkom_error>) -> Bool) throws {
    var err = welkom_error()
    if !call(&err) { throw WelkomError(err) }
  }
}

/// A live notification watch; releasing it ends the stream.
public final class WelkomWatch {
  private let handle: OpaquePointer
  private let box: AnyObject

  init(_ handle: OpaquePointer, keeping box: AnyObject) {
    self.handle = handle
    self.box = box
  }

  deinit { welkom_watch_free(handle) }
}
