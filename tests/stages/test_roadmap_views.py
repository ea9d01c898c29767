import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stages.models import RoadmapItem


def roadmap_url(programme):
    return reverse("stages:roadmap", args=[programme.pk])


def test_roadmap_page_groups_items_by_stage(client, programme, curator):
    client.force_login(curator)
    page = client.get(roadmap_url(programme)).content.decode()
    assert "Этап 1. Подготовка условий" in page
    assert "Этап 7. Завершение программы наставничества" in page
    first = programme.roadmap_items.order_by("position").first()
    assert f'id="item-{first.pk}"' in page
    assert "Добавить мероприятие" in page


def test_roadmap_query_count_does_not_grow_with_items(
    client, programme, curator, django_assert_max_num_queries
):
    client.force_login(curator)
    with django_assert_max_num_queries(12):
        client.get(roadmap_url(programme))
    item = programme.roadmap_items.first()
    for n in range(30):
        RoadmapItem.objects.create(
            programme=programme, stage=item.stage, number=f"9.{n}", activity="Ещё", position=99
        )
    with django_assert_max_num_queries(12):
        client.get(roadmap_url(programme))


def test_overdue_items_are_highlighted(client, programme, curator, today):
    item = programme.roadmap_items.order_by("position").first()
    item.deadline = today - datetime.timedelta(days=2)
    item.save()
    client.force_login(curator)
    page = client.get(roadmap_url(programme)).content.decode()
    assert f'<tr id="item-{item.pk}" class="is-overdue"' in page


def test_status_change_by_htmx_returns_row_and_progress(client, programme, curator):
    item = programme.roadmap_items.filter(stage__number=1).order_by("position").first()
    client.force_login(curator)
    response = client.post(
        reverse("stages:item_status", args=[item.pk]), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    item.refresh_from_db()
    assert item.status == RoadmapItem.Status.DONE
    assert item.completed_at is not None and item.updated_by == curator
    assert f'id="item-{item.pk}"' in body
    assert 'id="stage-progress-1" class="stage-progress" data-hx-swap-oob="true"' in body
    assert 'id="overall-progress" data-hx-swap-oob="true"' in body
    total = programme.roadmap_items.filter(stage__number=1).count()
    assert f"Выполнено 1 из {total}" in body


def test_status_change_without_js_redirects_with_message(client, programme, curator):
    item = programme.roadmap_items.first()
    client.force_login(curator)
    response = client.post(
        reverse("stages:item_status", args=[item.pk]), {"status": "in_progress"}, follow=True
    )
    assert "статус «В работе»" in response.content.decode()


def test_unknown_status_is_refused_and_nothing_changes(client, programme, curator):
    item = programme.roadmap_items.first()
    client.force_login(curator)
    response = client.post(
        reverse("stages:item_status", args=[item.pk]), {"status": "hacked"}, follow=True
    )
    assert "Выберите статус из списка" in response.content.decode()
    item.refresh_from_db()
    assert item.status == RoadmapItem.Status.PLANNED


def test_officer_reads_but_cannot_change(client, programme, officer):
    client.force_login(officer)
    page = client.get(roadmap_url(programme)).content.decode()
    assert "Добавить мероприятие" not in page
    item = programme.roadmap_items.first()
    response = client.post(reverse("stages:item_status", args=[item.pk]), {"status": "done"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == RoadmapItem.Status.PLANNED


def test_mentor_cannot_open_the_roadmap(client, programme, mentor_user):
    client.force_login(mentor_user)
    assert client.get(roadmap_url(programme)).status_code == 404


def test_add_item_gets_next_number(client, programme, curator, today):
    client.force_login(curator)
    stage_items = programme.roadmap_items.filter(stage__number=2)
    count = stage_items.count()
    response = client.post(
        reverse("stages:item_create", args=[programme.pk]),
        {
            "stage": stage_items.first().stage_id,
            "activity": "Диагностическая беседа с классными руководителями",
            "deadline": (today + datetime.timedelta(days=5)).isoformat(),
            "responsible": "Классные руководители",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    item = programme.roadmap_items.get(activity__startswith="Диагностическая")
    assert item.number == f"2.{count + 1}"


@pytest.mark.parametrize("value", ["abc", "", "0", "-1", "١٢", "9" * 5000, "99"])
def test_add_item_ignores_a_bad_stage_in_the_query(client, programme, curator, value):
    client.force_login(curator)
    url = reverse("stages:item_create", args=[programme.pk])
    response = client.get(url, {"stage": value})
    assert response.status_code == 200
    assert response.context["form"].initial["stage"] is None
    preset = client.get(url, {"stage": "2"}).context["form"].initial["stage"]
    assert preset.number == 2


def test_add_item_without_deadline_or_period_keeps_input(client, programme, curator):
    client.force_login(curator)
    stage = programme.roadmap_items.first().stage
    response = client.post(
        reverse("stages:item_create", args=[programme.pk]),
        {"stage": stage.pk, "activity": "Моё мероприятие", "status": "planned"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Укажите срок или период выполнения" in body
    assert "Моё мероприятие" in body
    assert not programme.roadmap_items.filter(activity="Моё мероприятие").exists()


def test_edit_item_with_evidence_file_and_download(client, programme, curator, other_curator):
    item = programme.roadmap_items.first()
    client.force_login(curator)
    upload = SimpleUploadedFile("приказ.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("stages:item_edit", args=[item.pk]),
        {
            "activity": item.activity,
            "deadline": item.deadline.isoformat(),
            "responsible": item.responsible,
            "output_document": item.output_document,
            "status": "done",
            "evidence_file": upload,
            "evidence_link": "https://school.example/prikaz",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at and item.evidence_file
    download = client.get(reverse("stages:item_evidence", args=[item.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    client.force_login(other_curator)
    assert client.get(reverse("stages:item_evidence", args=[item.pk])).status_code == 404


def test_evidence_of_a_wrong_type_is_refused(client, programme, curator):
    item = programme.roadmap_items.first()
    client.force_login(curator)
    response = client.post(
        reverse("stages:item_edit", args=[item.pk]),
        {
            "activity": item.activity,
            "deadline": item.deadline.isoformat(),
            "status": "done",
            "evidence_file": SimpleUploadedFile("run.exe", b"MZ", content_type="application/x"),
        },
    )
    assert "Допустимые форматы файла" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "planned" and not item.evidence_file


def test_delete_item(client, programme, curator):
    item = programme.roadmap_items.first()
    client.force_login(curator)
    assert (
        "Удалить мероприятие"
        in client.get(reverse("stages:item_delete", args=[item.pk])).content.decode()
    )
    client.post(reverse("stages:item_delete", args=[item.pk]))
    assert not RoadmapItem.objects.filter(pk=item.pk).exists()


def test_stage_reference_page(client, reference_data, curator):
    client.force_login(curator)
    page = client.get(reverse("stages:stage_reference")).content.decode()
    assert "Формирование базы наставников" in page


def test_roadmap_filters(client, programme, curator, today):
    items = list(programme.roadmap_items.order_by("position"))
    programme.roadmap_items.update(deadline=today + datetime.timedelta(days=30))
    items[0].deadline = today - datetime.timedelta(days=1)
    items[0].save()
    items[1].status = RoadmapItem.Status.DONE
    items[1].responsible_user = curator
    items[1].save()
    client.force_login(curator)
    url = roadmap_url(programme)
    overdue = client.get(url, {"show": "overdue"}).content.decode()
    assert f'id="item-{items[0].pk}"' in overdue
    assert f'id="item-{items[2].pk}"' not in overdue
    assert "Нет мероприятий, подходящих под фильтр «Просроченные»" in overdue
    open_page = client.get(url, {"show": "open"}).content.decode()
    assert f'id="item-{items[1].pk}"' not in open_page
    assert f'id="item-{items[2].pk}"' in open_page
    mine = client.get(url, {"show": "mine"}).content.decode()
    assert f'id="item-{items[1].pk}"' in mine and f'id="item-{items[0].pk}"' not in mine
    everything = client.get(url, {"show": "<script>"}).content.decode()
    assert everything.count('<tr id="item-') == len(items)
