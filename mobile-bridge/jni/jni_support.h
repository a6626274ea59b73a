// File: jni_support.h
// What every JNI entry point of nl.welkom.sdk.WelkomClient shares: the
// handle behind a Java client, the WelkomException thrown for a
// welkom_error, Java strings as UTF-8 for one call, result buffers as
// byte[]. Used by welkom_jni.cc and consent_buddy_jni.cc.
#ifndef WELKOM_MOBILE_BRIDGE_JNI_JNI_SUPPORT_H_
#define WELKOM_MOBILE_BRIDGE_JNI_JNI_SUPPORT_H_

#include <jni.h>

#include <cstdint>

#include "welkom.h"

namespace welkom::jni {

// A Java ChangeListener kept alive for as long as its client.
struct Listener {
  jobject object = nullptr;  // global ref
};

struct JniClient {
  welkom_client* client = nullptr;
  Listener on_conflict;
  Listener on_rejected;
};

inline JniClient* FromHandle(jlong handle) {
  return reinterpret_cast<JniClient*>(static_cast<intptr_t>(handle));
}

inline void Throw(JNIEnv* env, const welkom_error& err) {
  jclass cls = env->FindClass("nl/welkom/sdk/WelkomException");
  if (cls == nullptr) return;  // NoClassDefFoundError is already pending
  jmethodID ctor = env->GetMethodID(cls, "<init>", "(ILjava/lang/String;)V");
  jstring message = env->NewStringUTF(err.message);
  auto ex = static_cast<jthrowable>(
      env->NewObject(cls, ctor, static_cast<jint>(err.code), message));
  if (ex != nullptr) env->Throw(ex);
}

// A Java string as UTF-8 for the length of one call.
class Utf8 {
 public:
  Utf8(JNIEnv* env, jstring s) : env_(env), s_(s) {
    chars_ = s == nullptr ? nullptr : env->GetStringUTFChars(s, nullptr);
  }
  ~Utf8() {
    if (chars_ != nullptr) env_->ReleaseStringUTFChars(s_, chars_);
  }
  const char* get() const { return chars_ == nullptr ? "" : chars_; }
  bool null() const { return chars_ == nullptr; }

 private:
  JNIEnv* env_;
  jstring s_;
  const char* chars_;
};

// The buffer as a new byte[] (freed here), or null with the error thrown.
inline jbyteArray Bytes(JNIEnv* env, welkom_buffer* buffer,
                        const welkom_error& err) {
  if (buffer == nullptr) {
    Throw(env, err);
    return nullptr;
  }
  auto size = static_cast<jsize>(welkom_buffer_size(buffer));
  jbyteArray out = env->NewByteArray(size);
  if (out != nullptr) {
    env->SetByteArrayRegion(
        out, 0, size,
        reinterpret_cast<const jbyte*>(welkom_buffer_data(buffer)));
  }
  welkom_buffer_free(buffer);
  return out;
}

inline void ThrowUnless(JNIEnv* env, bool ok, const welkom_error& err) {
  if (!ok) Throw(env, err);
}

// A Java byte[] for the length of one call.
class ByteArray {
 public:
  ByteArray(JNIEnv* env, jbyteArray a) : env_(env), a_(a) {
    size_ = a == nullptr ? 0 : env->GetArrayLength(a);
    bytes_ = a == nullptr ? nullptr : env->GetByteArrayElements(a, nullptr);
  }
  ~ByteArray() {
    if (bytes_ != nullptr)
      env_->ReleaseByteArrayElements(a_, bytes_, JNI_ABORT);
  }
  const uint8_t* data() const {
    return reinterpret_cast<const uint8_t*>(bytes_);
  }
  size_t size() const { return static_cast<size_t>(size_); }

 private:
  JNIEnv* env_;
  jbyteArray a_;
  jsize size_ = 0;
  jbyte* bytes_ = nullptr;
};

}  // namespace welkom::jni

#endif  // WELKOM_MOBILE_BRIDGE_JNI_JNI_SUPPORT_H_
