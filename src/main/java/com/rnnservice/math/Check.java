package com.rnnservice.math;

import java.util.function.Supplier;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The argument checks of the library's entry points, Commons Math style: an {@link IllegalArgumentException}
 * whose message names the arguments and gives their dimensions, before any index can go astray.
 */
final class Check {

    private Check() {
    }

    /** Throws unless {@code a} and {@code b} have one shape. */
    static void sameShape(String aName, RealMatrix a, String bName, RealMatrix b) {
        if (a.getRowDimension() != b.getRowDimension() || a.getColumnDimension() != b.getColumnDimension()) {
            throw new IllegalArgumentException(aName + " is " + shape(a) + " and " + bName + " is " + shape(b)
                    + ": they must have one shape");
        }
    }

    /** Throws unless {@code matrix} is (rows, cols); {@code symbols} names them, as "(n_a, m)". */
    static void shape(String name, RealMatrix matrix, int rows, int cols, String symbols) {
        if (matrix.getRowDimension() != rows || matrix.getColumnDimension() != cols) {
            throw new IllegalArgumentException(name + " is " + shape(matrix) + "; expected " + symbols + " = (" + rows
                    + ", " + cols + ")");
        }
    }

    /** Throws unless {@code condition}, with the message {@code message} gives. */
    static void that(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new IllegalArgumentException(message.get());
        }
    }

    /** A matrix's shape as NumPy prints it. */
    static String shape(RealMatrix matrix) {
        return "(" + matrix.getRowDimension() + ", " + matrix.getColumnDimension() + ")";
    }
}
