/**
 * Between HTTP and the maths: turns JSON tensors into matrices, checks every shape once against the
 * symbols of the seed (n_x, n_a, n_y, m, T_x), runs the cells and checks that every result is finite.
 */
@NullMarked
package com.rnnservice.service;

import org.jspecify.annotations.NullMarked;
