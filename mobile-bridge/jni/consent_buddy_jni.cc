// JNI entry points of nl.welkom.sdk.WelkomClient for consent, check-ins,
// buddy matching and notification preferences, over the C ABI
// (consent_buddy_c.cc, journey_inbox_c.cc). Results are protobuf bytes the
// Java side parses; a welkom_error becomes a WelkomException.
#include <jni.h>

#include "jni_support.h"
#include "welkom.h"

using welkom::jni::ByteArray;
using welkom::jni::Bytes;
using welkom::jni::FromHandle;
using welkom::jni::Utf8;

extern "C" {

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeGrantConsent(
    JNIEnv* env, jclass, jlong handle) {
  welkom_error err;
  return Bytes(
      env, welkom_client_grant_consent(FromHandle(handle)->client, &err), err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeWithdrawConsent(JNIEnv* env, jclass,
                                                      jlong handle) {
  welkom_error err;
  return Bytes(env,
               welkom_client_withdraw_consent(FromHandle(handle)->client, &err),
               err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeSubmitCheckIn(JNIEnv* env, jclass,
                                                    jlong handle, jint day,
                                                    jint score,
                                                    jstring comment) {
  welkom_error err;
  return Bytes(
      env,
      welkom_client_submit_check_in(FromHandle(handle)->client, day, score,
                                    Utf8(env, comment).get(), &err),
      err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeBuddyPreferences(JNIEnv* env, jclass,
                                                       jlong handle,
                                                       jint source) {
  welkom_error err;
  return Bytes(
      env,
      welkom_client_buddy_preferences(FromHandle(handle)->client,
                                      static_cast<welkom_source>(source), &err),
      err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeSetBuddyPreferences(JNIEnv* env, jclass,
                                                          jlong handle,
                                                          jbyteArray prefs) {
  welkom_error err;
  ByteArray in(env, prefs);
  return Bytes(env,
               welkom_client_set_buddy_preferences(FromHandle(handle)->client,
                                                   in.data(), in.size(), &err),
               err);
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeBuddyProfile(
    JNIEnv* env, jclass, jlong handle, jint source) {
  welkom_error err;
  return Bytes(
      env,
      welkom_client_buddy_profile(FromHandle(handle)->client,
                                  static_cast<welkom_source>(source), &err),
      err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeUpdateBuddyProfile(JNIEnv* env, jclass,
                                                         jlong handle,
                                                         jbyteArray profile) {
  welkom_error err;
  ByteArray in(env, profile);
  return Bytes(env,
               welkom_client_update_buddy_profile(FromHandle(handle)->client,
                                                  in.data(), in.size(), &err),
               err);
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeMatches(
    JNIEnv* env, jclass, jlong handle, jint source) {
  welkom_error err;
  return Bytes(env,
               welkom_client_matches(FromHandle(handle)->client,
                                     static_cast<welkom_source>(source), &err),
               err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeAnswerProposal(JNIEnv* env, jclass,
                                                     jlong handle,
                                                     jstring match_id,
                                                     jboolean accept) {
  welkom_error err;
  return Bytes(env,
               welkom_client_answer_proposal(FromHandle(handle)->client,
                                             Utf8(env, match_id).get(),
                                             accept == JNI_TRUE, &err),
               err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeRequestRematch(JNIEnv* env, jclass,
                                                     jlong handle,
                                                     jstring match_id) {
  welkom_error err;
  return Bytes(env,
               welkom_client_request_rematch(FromHandle(handle)->client,
                                             Utf8(env, match_id).get(), &err),
               err);
}

JNIEXPORT jboolean JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeOnline(JNIEnv*, jclass, jlong handle) {
  return welkom_client_online(FromHandle(handle)->client) ? JNI_TRUE
                                                          : JNI_FALSE;
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeNotificationPreferences(JNIEnv* env,
                                                              jclass,
                                                              jlong handle) {
  welkom_error err;
  return Bytes(
      env,
      welkom_client_notification_preferences(FromHandle(handle)->client, &err),
      err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeSetNotificationPreferences(
    JNIEnv* env, jclass, jlong handle, jbyteArray request) {
  welkom_error err;
  ByteArray in(env, request);
  return Bytes(env,
               welkom_client_set_notification_preferences(
                   FromHandle(handle)->client, in.data(), in.size(), &err),
               err);
}

}  // extern "C"
