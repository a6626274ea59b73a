// JNI entry points of nl.welkom.sdk.WelkomClient for the invitation preview
// and the person's data (export, erasure), over the C ABI (privacy_c.cc).
// Results are protobuf bytes the Java side parses; a welkom_error becomes a
// WelkomException.
#include <jni.h>

#include "jni_support.h"
#include "welkom.h"

using welkom::jni::Bytes;
using welkom::jni::FromHandle;
using welkom::jni::Utf8;

extern "C" {

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeGetInvitation(JNIEnv* env, jclass,
                                                    jlong handle,
                                                    jstring code) {
  welkom_error err;
  return Bytes(env,
               welkom_client_get_invitation(FromHandle(handle)->client,
                                            Utf8(env, code).get(), &err),
               err);
}

JNIEXPORT jbyteArray JNICALL Java_nl_welkom_sdk_WelkomClient_nativeExportMyData(
    JNIEnv* env, jclass, jlong handle) {
  welkom_error err;
  return Bytes(
      env, welkom_client_export_my_data(FromHandle(handle)->client, &err), err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeRequestErasure(JNIEnv* env, jclass,
                                                     jlong handle) {
  welkom_error err;
  return Bytes(env,
               welkom_client_request_erasure(FromHandle(handle)->client, &err),
               err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeCancelErasure(JNIEnv* env, jclass,
                                                    jlong handle) {
  welkom_error err;
  return Bytes(
      env, welkom_client_cancel_erasure(FromHandle(handle)->client, &err), err);
}

JNIEXPORT jbyteArray JNICALL
Java_nl_welkom_sdk_WelkomClient_nativeGetErasureStatus(JNIEnv* env, jclass,
                                                       jlong handle) {
  welkom_error err;
  return Bytes(
      env, welkom_client_get_erasure_status(FromHandle(handle)->client, &err),
      err);
}

}  // extern "C"
