package com.rnnservice.service;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.rnnservice.math.NumpyRandomState;
import com.rnnservice.math.PlatformLog;

/** NumPy's legacy random numbers: {@code np.random.seed(seed)}, then {@code np.random.randn(*shape)} for each shape. */
@Service
public class RandomService {

    private static final Logger log = LoggerFactory.getLogger(RandomService.class);

    private final Limits limits;

    public RandomService(Limits limits) {
        this.limits = limits;
        if (!PlatformLog.isNative()) {
            log.warn("The C library's log is not available (no JNI shim for this platform): randn uses Math.log "
                    + "and may differ from NumPy in the last bit of about one value in two thousand.");
        }
    }

    /**
     * The arrays NumPy draws.
     *
     * @param seed from 0 to 2^32 − 1, a whole number
     * @param shapes each a list of non-negative whole sizes; an empty shape draws one number
     * @return {@code arrays}: for each shape, a tensor of that shape in NumPy's order (0-D for an empty shape)
     */
    public Answer randn(@Nullable Double seed, @Nullable List<@Nullable List<@Nullable Double>> shapes) {
        ShapeCheck check = new ShapeCheck();
        if (seed == null) {
            check.reject("seed", "is required: a whole number from 0 to 2^32 - 1 (4294967295)");
        }
        else if (seed != Math.rint(seed) || seed < 0 || seed > NumpyRandomState.MAX_SEED) {
            check.reject("seed", "must be a whole number from 0 to 2^32 - 1 (4294967295), as NumPy requires; got " + seed);
        }
        List<int[]> sizes = new ArrayList<>();
        long total = 0;
        if (shapes == null) {
            check.reject("shapes", "is required: a list of shapes such as [[3, 10], [5, 10]]");
        }
        else {
            for (int k = 0; k < shapes.size(); k++) {
                int[] shape = shape(check, "shapes[" + k + "]", shapes.get(k));
                if (shape != null) {
                    sizes.add(shape);
                    long count = 1;
                    for (int d : shape) {
                        count = Math.min(count * d, Long.MAX_VALUE / 2);
                    }
                    total += count;
                }
            }
        }
        check.throwIfInvalid();
        if (total > this.limits.randnMaxEntries()) {
            throw new LimitExceededException("randn entries", "rnn.limits.randn-max-entries", "The request draws " + total
                    + " numbers; at most " + this.limits.randnMaxEntries() + " are allowed (rnn.limits.randn-max-entries).");
        }
        NumpyRandomState random = new NumpyRandomState(seed.longValue(), PlatformLog::log);
        List<Tensor> arrays = new ArrayList<>();
        for (int[] shape : sizes) {
            // row-major order, as NumPy fills an array: the last axis varies fastest
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            arrays.add(Tensor.of(shape, values));
        }
        return new Answer().put("arrays", arrays);
    }

    private static int @Nullable [] shape(ShapeCheck check, String field, @Nullable List<@Nullable Double> dims) {
        if (dims == null) {
            check.reject(field, "must be a list of sizes, such as [3, 10]");
            return null;
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Double d = dims.get(i);
            if (d == null || d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                check.reject(field, "sizes must be whole numbers from 0 up; " + field + "[" + i + "] is " + d);
                return null;
            }
            shape[i] = d.intValue();
        }
        return shape;
    }
}
