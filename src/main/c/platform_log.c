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

/*
 * The thread count of the native BLAS the JVM already loaded (dev.ludovic.netlib's JNIBLAS opens
 * libblas.so.3), for com.rnnservice.math.Kernel: set to `threads` where the BLAS is OpenBLAS, which
 * exports openblas_set_num_threads. Returns the count now in force, or -1 if libblas.so.3 is not loaded
 * or is not OpenBLAS (then nothing changes).
 *
 * OpenBLAS's own threading costs more than it gains on the skinny multiplies of a time step (measured on
 * two cores: a (512, 512)·(512, 64) product took 2.4 ms on two OpenBLAS threads and 0.74 ms on one), so the
 * service runs it on one thread and splits large multiplies across cores itself.
 */
#include <dlfcn.h>

JNIEXPORT jint JNICALL Java_com_rnnservice_math_PlatformLog_nativeBlasThreads(JNIEnv *env, jclass cls, jint threads)
{
    (void) env;
    (void) cls;
    void *blas = dlopen("libblas.so.3", RTLD_LAZY | RTLD_NOLOAD);
    if (blas == NULL) {
        return -1;
    }
    void (*set)(int) = (void (*)(int)) dlsym(blas, "openblas_set_num_threads");
    int (*get)(void) = (int (*)(void)) dlsym(blas, "openblas_get_num_threads");
    int now = -1;
    if (set != NULL && get != NULL) {
        set(threads);
        now = get();
    }
    dlclose(blas);
    return now;
}
