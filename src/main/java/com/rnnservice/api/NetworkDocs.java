package com.rnnservice.api;

/** The descriptions of the network endpoints, the same for every cell family. */
final class NetworkDocs {

    private NetworkDocs() {
    }

    static final String LAYERS = " Layers are listed bottom first: layer 0 reads x, layer l reads layer l − 1's output. A layer "
            + "with \"backward\" is bidirectional: its reverse direction runs from t = T_x − 1 down to 0, starting from "
            + "a0_backward, and the layer's output at step t is [a_fwd⟨t⟩; a_bwd⟨t⟩], 2·n_a rows. Every direction of a "
            + "layer shares its n_a; layers may differ. Missing initial states are zeros. A shape error names its path, "
            + "such as layers[1].backward.Wf.";

    static final String FORWARD = "Runs every layer over the whole sequence and returns the top layer's output a; with "
            + "\"output\" also y_pred = softmax(Wy·a⟨t⟩ + by) at every step; with \"return_layers\": true every layer's "
            + "output." + LAYERS;

    static final String BACKWARD = "Gradients of L = Σ_t sum(a_top⟨t⟩ ⊙ da[:, :, t]) through every layer and "
            + "direction: dx, and for each layer its directions' parameter gradients and initial-state gradients "
            + "(da0, dc0, da0_backward, dc0_backward), which are always returned." + LAYERS;

    static final String LOSS = "L = (1/m) Σ_t Σ_j mask[j, t] · −log softmax(Wy·a_top⟨t⟩ + by)[labels[j, t]], with labels "
            + "as class indices (m, T_x) or one-hot targets (n_y, m, T_x). Returns L and its gradients: dx, every "
            + "layer's, and the output layer's dWy and dby." + LAYERS;

    static final String TRAIN = "Runs 'steps' optimizer steps (sgd or adam) on the network loss, optionally clipping "
            + "the gradients by value, then by global norm over every parameter. Returns the layers (with the initial "
            + "states as sent, so they can be sent back as they are), the output layer, the loss before each step and "
            + "the optimizer's state, whose moments are keyed by parameter path (layers[0].forward.Wf, output.Wy)."
            + LAYERS;
}
