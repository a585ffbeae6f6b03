package com.rnnservice.math;

class GruCellTest extends CellContractTest {

    @Override
    CellType type() {
        return GruCell.TYPE;
    }
}
