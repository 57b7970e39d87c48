"""Model objects pickle as (class, field values): what the Dask workers send the writer."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import khronika.model as model
from khronika.cli import sample_path
from khronika.ingest import read_inputs
from khronika.model import RawDocument
from khronika.pipeline import process_raws


def model_dataclasses() -> list[type]:
    return [
        value
        for value in vars(model).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
        and value.__module__ == model.__name__
    ]


def test_every_model_dataclass_pickles_by_position() -> None:
    classes = model_dataclasses()
    assert len(classes) >= 13
    for cls in classes:
        assert "__reduce__" in vars(cls), f"{cls.__name__} pickles through fields() per object"


def test_pipeline_outcomes_survive_a_pickle_round_trip(resources: Any) -> None:
    raws = [item for item in read_inputs([sample_path()]) if isinstance(item, RawDocument)]
    outcomes = process_raws(raws[:20], resources=resources)
    claims = [claim for outcome in outcomes for claim in outcome.claims]
    assert claims, "the sample yields claims"
    again = pickle.loads(pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == outcomes
    assert [type(c.location) for c in claims] == [
        type(c.location) for o in again for c in o.claims
    ]


def test_single_field_and_default_factory_classes_round_trip() -> None:
    place = model.Place(name="Москва", country="RU", lat=55.75, lon=37.62, precision="city")
    date_range = model.DateRange(start=None, end=None, precision="unknown")
    assert pickle.loads(pickle.dumps(model.UNKNOWN_PLACE)) == model.UNKNOWN_PLACE
    incident = model.Incident(incident_id="i1", claim_ids=("c1",), event_types=("raid",),
                              date=date_range, location=place, extra={"note": [1, 2]})
    again = pickle.loads(pickle.dumps(incident))
    assert again == incident and again.extra == {"note": [1, 2]}
