package com.rnnservice.math;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The C library's natural logarithm, through a small JNI shim ({@code src/main/c/platform_log.c}) built
 * with the jar where a C compiler was present; {@link Math#log} where it was not or cannot be loaded.
 * NumPy's legacy Gaussian uses the C library's log, which differs from {@code Math.log} in the last bit
 * for about one input in a thousand: only the C library's makes {@link NumpyRandomState} bit-identical
 * to NumPy on the same machine.
 */
public final class PlatformLog {

    private static final boolean NATIVE = load();

    private PlatformLog() {
    }

    /** ln(x), as the C library computes it where that is available. */
    public static double log(double x) {
        return NATIVE ? nativeLog(x) : Math.log(x);
    }

    /** Whether {@link #log} is the C library's; if not, it is {@link Math#log}. */
    public static boolean isNative() {
        return NATIVE;
    }

    private static native double nativeLog(double x);

    /**
     * The same shim's other service: sets the thread count of the native BLAS already loaded, where it is
     * OpenBLAS (see {@link Kernel}).
     *
     * @return the count now in force, or −1 if there is no shim, no loaded libblas.so.3, or it is not OpenBLAS
     */
    static int blasThreads(int threads) {
        if (!NATIVE) {
            return -1;
        }
        try {
            return nativeBlasThreads(threads);
        }
        catch (UnsatisfiedLinkError ex) {
            return -1;
        }
    }

    private static native int nativeBlasThreads(int threads);

    private static boolean load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return false;
        }
        String resource = "/native/linux-" + System.getProperty("os.arch") + "/libplatformlog.so";
        try (InputStream in = PlatformLog.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Path file = Files.createTempFile("platformlog", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
            return nativeLog(1.0) == 0.0;
        }
        catch (IOException | UnsatisfiedLinkError | SecurityException ex) {
            return false;
        }
    }
}
