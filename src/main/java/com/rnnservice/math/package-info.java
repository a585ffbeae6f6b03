/**
 * The recurrent-network maths, in float64 on Apache Commons Math: one class per cell with the forward
 * and backward pass of a single step side by side, one {@link com.rnnservice.math.Sequence} driver for
 * the time loop and backpropagation through time, activations in {@link com.rnnservice.math.Matrices}.
 *
 * <p>A plain library: no Spring, no Jackson. Shapes follow the deeplearning.ai exercise: a time step's
 * input {@code xt} is (n_x, m), a hidden state (n_a, m), one column per example. Callers check shapes
 * before calling in; nothing here checks them again.
 */
@NullMarked
package com.rnnservice.math;

import org.jspecify.annotations.NullMarked;
