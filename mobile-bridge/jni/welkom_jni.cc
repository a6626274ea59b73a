// JNI binding of nl.welkom.sdk.WelkomClient over the C ABI (welkom.h), in
// the way of Couchbase Lite's hand-written JNI: a welkom_error becomes a
// thrown WelkomException; results are protobuf bytes the Java side parses.
#include <jni.h>

#include <memory>
#include <string>

#include "jni_support.h"
#include "welkom.h"

namespace {

using namespace welkom::jni;  // NOLINT: the helpers of this binding

JavaVM* g_vm = nullptr;

// The SDK's thread as a JVM thread (attached once, as a daemon); null if
// the JVM refuses.
JNIEnv* SdkThreadEnv() {
  JNIEnv* env = nullptr;
  if (g_vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6) != JNI_OK &&
      g_vm->AttachCurrentThreadAsDaemon(reinterpret_cast<void**>(&env),
                                        nullptr) != JNI_OK) {
    return nullptr;
  }
  return env;
}

jbyteArray NewBytes(JNIEnv* env, const uint8_t* data, size_t size) {
  jbyteArray bytes = env->NewByteArray(static_cast<jsize>(size));
  if (bytes != nullptr) {
    env->SetByteArrayRegion(bytes, 0, static_cast<jsize>(size),
                            reinterpret_cast<const jbyte*>(data));
  }
  return bytes;
}

// Runs on the SDK's thread: calls the Java ChangeListener.
void CallListener(void* userdata, welkom_code code, const char* method,
                  const uint8_t* request, size_t request_size,
                  const char* message) {
  auto* listener = static_cast<Listener*>(userdata);
  JNIEnv* env = SdkThreadEnv();
  if (env == nullptr) return;
  env->PushLocalFrame(8);
  jclass cls = env->GetObjectClass(listener->object);
  jmethodID fn = env->GetMethodID(cls, "onChange",
                                  "(ILjava/lang/String;[BLjava/lang/String;)V");
  env->CallVoidMethod(
      listener->object, fn, static_cast<jint>(code), env->NewStringUTF(method),
      NewBytes(env, request, request_size), env->NewStringUTF(message));
  // A listener that throws must not take the SDK's thread down.
  if (env->ExceptionCheck()) env->ExceptionClear();
  env->PopLocalFrame(nullptr);
}

// A live notification watch and the Java listener it calls.
struct JniWatch {
  welkom_watch* watch = nullptr;
  jobject listener = nullptr;  // global ref to a WelkomClient.RawListener
};

void CallNotification(void* userdata, const uint8_t* data, size_t size) {
  auto* w = static_cast<JniWatch*>(userdata);
  JNIEnv* env = SdkThreadEnv();
  if (env == nullptr) return;
  env->PushLocalFrame(4);
  jclass cls = env->GetObjectClass(w->listener);
  jmethodID fn = env->GetMethodID(cls, "onBytes", "([B)V");
  env->CallVoidMethod(w->listener, fn, NewBytes(env, data, size));
  if (env->ExceptionCheck()) env->ExceptionClear();
  env->PopLocalFrame(nullptr);
}

// A read of welkom_client_whoami's shape as a byte[] (or thrown error).
jbyteArray ReadFrom(JNIEnv* env, jlong handle, jint source,
                    welkom_buffer* (*read)(welkom_client*, welkom_source,
                                           welkom_error*)) {
  welkom_error err;
  welkom_buffer* b = read(FromHandle(handle)->client, source, &err);
  return Bytes(env, b, err);
}

// welkom_client_* calls that answer a bool: the error thrown on false.
// welkom_client_* calls that take or give back a place by id.
void PlaceChange(JNIEnv* env, jlong handle, jstring id,
                 bool (*change)(welkom_client*, const char*, welkom_error*)) {
  welkom_error err;
  Utf8 text(env, id);
  ThrowUnless(env, change(FromHandle(handle)->client, text.get(), &err), err);
}

void Keep(JNIEnv* env, jobject object, Listener* listener, welkom_options* o,
          void (*set)(welkom_options*, welkom_change_fn, void*)) {
  if (object == nullptr) return;
  listener->object = env->NewGlobalRef(object);
  set(o, CallListener, listener);
}

}  // namespace

extern "C" {

JNIEXPORT jint JNI_OnLoad(JavaVM* vm, void*) {
  g_vm = vm;
  return JNI_VERSION_1_6;
}

JNIEXPORT jlong JNICALL Java_nl_welkom_sdk_WelkomClient_nativeOpen(
    JNIEnv* env, jclass, jstring target, jstring cache_path, jstring tls_roots,
    jstring web_base_url, jboolean sync_automatically, jobject on_conflict,
    jobject on_rejected) {
  auto jc = std::make_unique<JniClient>();
  welkom_options* o = welkom_options_new();
  welkom_options_set_target(o, Utf8(env, target).get());
  welkom_options_set_cache_path(o, Utf8(env, cache_path).get());
  Utf8 web(env, web_base_url);
  if (!web.null()) welkom_options_set_web_base_url(o, web.get());
  Utf8 roots(env, tls_roots);
  if (!roots.null()) {
    welkom_options_set_tls(o, roots.get(), std::string(roots.get()).size());
  }
  welkom_options_set_sync_automatically(o, sync_automatically == JNI_TRUE);
  Keep(env, on_conflict, &jc->on_conflict, o,
       welkom_options_set_conflict_callback);
  Keep(env, on_rejected, &jc->on_rejected, o,
       welkom_options_set_rejected_callback);
  welkom_error err;
  jc->client = welkom_client_open(o, &err);
  welkom_options_free(o);
  if (jc->client == nullptr) {
    if (jc->on_conflict.object) env->DeleteGlobalRef(jc->on_conflict.object);
    if (jc->on_rejected.object) env->DeleteGlobalRef(jc->on_rejected.object);
    Throw(env, err);
    return 0;
  }
  return static_cast<jlong>(reinterpret_cast<intptr_t>(jc.release()));
}

JNIEXPORT void JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeFree(JNIEnv* env, jclass, jlong handle) {
  JniClient* jc = FromHandle(handle);
  // Stops the SDK's thread first, so no listener runs after its ref is gone.
  welkom_client_free(jc->client);
  if (jc->on_conflict.object) env->DeleteGlobalRef(jc->on_conflict.object);
  if (jc->on_rejected.object) env->DeleteGlobalRef(jc->on_rejected.object);
  delete jc;
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeLogin(
    JNIEnv* env, jclass, jlong handle, jstring email, jstring password) {
  welkom_error err;
  welkom_buffer* b =
      welkom_client_login(FromHandle(handle)->client, Utf8(env, email).get(),
                          Utf8(env, password).get(), &err);
  return Bytes(env, b, err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeAcceptInvitation(JNIEnv* env, jclass,
                                                       jlong handle,
                                                       jstring code,
                                                       jstring password) {
  welkom_error err;
  welkom_buffer* b = welkom_client_accept_invitation(
      FromHandle(handle)->client, Utf8(env, code).get(),
      Utf8(env, password).get(), &err);
  return Bytes(env, b, err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeRenewCalendarFeed(JNIEnv* env, jclass,
                                                        jlong handle) {
  welkom_error err;
  return Bytes(
      env, welkom_client_renew_calendar_feed(FromHandle(handle)->client, &err),
      err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeCalendarFeedUrl(JNIEnv* env, jclass,
                                                      jlong handle) {
  welkom_error err;
  return Bytes(
      env, welkom_client_calendar_feed_url(FromHandle(handle)->client, &err),
      err);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeRevokeCalendarFeed(
    JNIEnv* env, jclass, jlong handle) {
  welkom_error err;
  ThrowUnless(
      env, welkom_client_revoke_calendar_feed(FromHandle(handle)->client, &err),
      err);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeChangePassword(
    JNIEnv* env, jclass, jlong handle, jstring current, jstring next) {
  welkom_error err;
  ThrowUnless(env,
              welkom_client_change_password(FromHandle(handle)->client,
                                            Utf8(env, current).get(),
                                            Utf8(env, next).get(), &err),
              err);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeLogout(
    JNIEnv* env, jclass, jlong handle) {
  welkom_error err;
  ThrowUnless(env, welkom_client_logout(FromHandle(handle)->client, &err), err);
}

JNIEXPORT jboolean JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeSignedIn(JNIEnv*, jclass, jlong handle) {
  return welkom_client_signed_in(FromHandle(handle)->client) ? JNI_TRUE
                                                             : JNI_FALSE;
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeWhoAmI(
    JNIEnv* env, jclass, jlong handle, jint source) {
  return ReadFrom(env, handle, source, welkom_client_whoami);
}

JNIEXPORT void JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeSync(JNIEnv* env, jclass, jlong handle) {
  welkom_error err;
  ThrowUnless(env, welkom_client_sync(FromHandle(handle)->client, &err), err);
}

JNIEXPORT jlong JNICALL Java_nl_welkom_sdk_WelkomClient_nativePendingChanges(
    JNIEnv* env, jclass, jlong handle) {
  welkom_error err;
  int64_t n = welkom_client_pending_changes(FromHandle(handle)->client, &err);
  if (n < 0) Throw(env, err);
  return n;
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeJourney(
    JNIEnv* env, jclass, jlong handle, jint source) {
  return ReadFrom(env, handle, source, welkom_client_journey);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeUpdateStep(
    JNIEnv* env, jclass, jlong handle, jbyteArray request) {
  welkom_error err;
  jsize size = env->GetArrayLength(request);
  jbyte* bytes = env->GetByteArrayElements(request, nullptr);
  bool ok = welkom_client_update_step(FromHandle(handle)->client,
                                      reinterpret_cast<const uint8_t*>(bytes),
                                      static_cast<size_t>(size), &err);
  env->ReleaseByteArrayElements(request, bytes, JNI_ABORT);
  ThrowUnless(env, ok, err);
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeInbox(
    JNIEnv* env, jclass, jlong handle, jint source) {
  return ReadFrom(env, handle, source, welkom_client_inbox);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeMarkRead(
    JNIEnv* env, jclass, jlong handle, jlongArray ids) {
  welkom_error err;
  jsize count = env->GetArrayLength(ids);
  jlong* values = env->GetLongArrayElements(ids, nullptr);
  static_assert(sizeof(jlong) == sizeof(int64_t), "jlong is 64 bits");
  bool ok = welkom_client_mark_read(FromHandle(handle)->client,
                                    reinterpret_cast<const int64_t*>(values),
                                    static_cast<size_t>(count), &err);
  env->ReleaseLongArrayElements(ids, values, JNI_ABORT);
  ThrowUnless(env, ok, err);
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeEvents(
    JNIEnv* env, jclass, jlong handle, jint source) {
  return ReadFrom(env, handle, source, welkom_client_events);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeRsvp(
    JNIEnv* env, jclass, jlong handle, jstring event_id) {
  PlaceChange(env, handle, event_id, welkom_client_rsvp);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeCancelRsvp(
    JNIEnv* env, jclass, jlong handle, jstring event_id) {
  PlaceChange(env, handle, event_id, welkom_client_cancel_rsvp);
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeClasses(
    JNIEnv* env, jclass, jlong handle, jint source) {
  return ReadFrom(env, handle, source, welkom_client_classes);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeEnrol(
    JNIEnv* env, jclass, jlong handle, jstring course_id) {
  PlaceChange(env, handle, course_id, welkom_client_enrol);
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeWithdraw(
    JNIEnv* env, jclass, jlong handle, jstring course_id) {
  PlaceChange(env, handle, course_id, welkom_client_withdraw);
}

JNIEXPORT jlong JNICALL Java_nl_welkom_sdk_WelkomClient_nativeWatch(
    JNIEnv* env, jclass, jlong handle, jobject listener) {
  auto w = std::make_unique<JniWatch>();
  w->listener = env->NewGlobalRef(listener);
  welkom_error err;
  w->watch = welkom_client_watch_notifications(FromHandle(handle)->client,
                                               CallNotification, w.get(), &err);
  if (w->watch == nullptr) {
    env->DeleteGlobalRef(w->listener);
    Throw(env, err);
    return 0;
  }
  return static_cast<jlong>(reinterpret_cast<intptr_t>(w.release()));
}

JNIEXPORT void JNICALL Java_nl_welkom_sdk_WelkomClient_nativeWatchFree(
    JNIEnv* env, jclass, jlong watch) {
  auto* w = reinterpret_cast<JniWatch*>(static_cast<intptr_t>(watch));
  // No listener call runs after this, so the ref can go.
  welkom_watch_free(w->watch);
  env->DeleteGlobalRef(w->listener);
  delete w;
}

}  // extern "C"
