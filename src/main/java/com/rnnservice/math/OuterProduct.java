package com.rnnservice.math;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * A weight gradient left·rightᵀ kept as its two factors: dz, the gradient of a step's pre-activations,
 * and the input that step multiplied. A sequence stacks every step's factors side by side and sums all
 * the steps' products in one large multiply after the backward loop.
 *
 * @param left (rows, m)
 * @param right (cols, m)
 */
public record OuterProduct(RealMatrix left, RealMatrix right) {

    /** left·rightᵀ, (rows, cols). */
    public RealMatrix product() {
        return Matrices.multiplyTranspose(this.left, this.right);
    }
}
