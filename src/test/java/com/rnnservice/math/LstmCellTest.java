package com.rnnservice.math;

class LstmCellTest extends CellContractTest {

    @Override
    CellType type() {
        return LstmCell.TYPE;
    }
}
