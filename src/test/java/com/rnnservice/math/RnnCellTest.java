package com.rnnservice.math;

class RnnCellTest extends CellContractTest {

    @Override
    CellType type() {
        return RnnCell.TYPE;
    }
}
