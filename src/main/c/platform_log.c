/*
 * The C library's natural logarithm, for com.rnnservice.math.PlatformLog.
 *
 * NumPy's legacy Gaussian (np.random.randn) computes sqrt(-2 log(r2) / r2) with the C library's log,
 * which is not correctly rounded and differs from Java's Math.log in the last bit for about one input
 * in a thousand. Calling the same log makes randn bit-identical to NumPy on the same machine.
 */
#include <jni.h>
#include <math.h>

JNIEXPORT jdouble JNICALL Java_com_rnnservice_math_PlatformLog_nativeLog(JNIEnv *env, jclass cls, jdouble x)
{
    (void) env;
    (void) cls;
    return log(x);
}
