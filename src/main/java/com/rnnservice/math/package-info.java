/**
 * The recurrent-network maths, in float64, as a library: no Spring, no Jackson.
 *
 * <ul>
 * <li>{@link com.rnnservice.math.Matrix}: the one layout, a view over a row-major array that is also a Commons Math
 * {@code RealMatrix}; {@link com.rnnservice.math.Steps}: the time steps of a (rows, m, T_x) tensor side by side.</li>
 * <li>{@link com.rnnservice.math.CellTypes}: each cell family declared once (parameters with their shapes in
 * symbols, states, gates, documentation); {@link com.rnnservice.math.Parameters}: a cell's parameters stacked in the
 * layout its declaration gives.</li>
 * <li>One class per cell ({@link com.rnnservice.math.RnnCell}, {@link com.rnnservice.math.LstmCell},
 * {@link com.rnnservice.math.GruCell}) with the forward and backward step side by side; one driver,
 * {@link com.rnnservice.math.Sequence}, for the time loop and backpropagation through time;
 * {@link com.rnnservice.math.Network} for deep and bidirectional stacks of it.</li>
 * <li>{@link com.rnnservice.math.Kernel}: the multiplies (a BLAS or Commons Math), given to the driver with the cores
 * it may use; activations in {@link com.rnnservice.math.Activations}.</li>
 * </ul>
 *
 * Shapes follow the deeplearning.ai exercise: a time step's input {@code xt} is (n_x, m), a hidden state (n_a, m),
 * one column per example. The public entry points check their arguments and name the dimensions that disagree.
 */
@NullMarked
package com.rnnservice.math;

import org.jspecify.annotations.NullMarked;
