"""Reads of organisations and people, scoped to what the user may see.

The directory (units, their members, terms, constituencies, delegates) is readable by every
official. A person's record (contact details, every role) is managed only inside the units
where the reader holds `orgs.manage_people`; outside them it answers 404.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from dieuhanh.platform.permissions.checks import units_where
from dieuhanh.platform.permissions.roles import active_memberships_q, is_system_admin

from .models import Constituency, Delegate, Membership, OrgUnit, Role, Term
from .module import MANAGE_PEOPLE, MANAGE_UNITS


def _active_members_q(prefix: str = "") -> Q:
    """`active_memberships_q` for a lookup through a relation (e.g. "memberships__")."""
    q = active_memberships_q()
    q.children = [_prefix_node(child, prefix) for child in q.children]
    return q


def _prefix_node(node, prefix):
    if isinstance(node, Q):
        copy = Q()
        copy.connector, copy.negated = node.connector, node.negated
        copy.children = [_prefix_node(child, prefix) for child in node.children]
        return copy
    key, value = node
    return (f"{prefix}{key}", value)


# --- units ----------------------------------------------------------------------------------
def unit_list(*, user, q: str = "", kind: str = "", include_inactive: bool = False) -> QuerySet[OrgUnit]:
    """Units of the directory with their number of active members, in tree order."""
    units = OrgUnit.objects.select_related("parent")
    if not include_inactive:
        units = units.filter(active=True)
    if q:
        units = units.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(short_name__icontains=q))
    if kind:
        units = units.filter(kind=kind)
    return units.annotate(
        member_count=Count("memberships__user", filter=_active_members_q("memberships__"), distinct=True)
    ).order_by("path")


def unit_get(*, user, pk: int) -> OrgUnit:
    try:
        return OrgUnit.objects.select_related("parent").get(pk=pk)
    except (OrgUnit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def unit_by_code(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=code).first()


def unit_children(*, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return unit.children.filter(active=True).order_by("sort_order", "name")


def unit_members(*, unit: OrgUnit, include_subunits: bool = False) -> QuerySet[Membership]:
    """Active memberships of the unit (or of its subtree), people and units loaded."""
    memberships = Membership.objects.filter(active_memberships_q(), user__is_active=True)
    if include_subunits:
        memberships = memberships.filter(unit__path__startswith=unit.path)
    else:
        memberships = memberships.filter(unit=unit)
    return memberships.select_related("user", "unit")


def units_of(user) -> QuerySet[OrgUnit]:
    """Units where the person holds an active role."""
    return OrgUnit.objects.filter(
        pk__in=Membership.objects.filter(active_memberships_q(), user=user).values("unit_id")
    )


def users_with_role(role: str, unit: OrgUnit | None = None, *, include_subunits: bool = True) -> QuerySet:
    """Active users holding `role` in `unit` (and, by default, in the units below it)."""
    memberships = Membership.objects.filter(active_memberships_q(), role=role)
    if unit is not None:
        memberships = (
            memberships.filter(unit__path__startswith=unit.path) if include_subunits
            else memberships.filter(unit=unit)
        )
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def answering_agencies() -> QuerySet[OrgUnit]:
    """People's Committees, departments and other agencies that must answer."""
    from .models import ANSWERING_KINDS

    return OrgUnit.objects.filter(active=True, kind__in=ANSWERING_KINDS).order_by("path")


def manageable_units(user) -> QuerySet[OrgUnit]:
    """Units whose people the user may manage (their own units and the units below)."""
    return units_where(user, MANAGE_PEOPLE).filter(active=True).order_by("path")


def structure_units(user) -> QuerySet[OrgUnit]:
    """Units the user may create sub-units in or edit."""
    return units_where(user, MANAGE_UNITS).order_by("path")


def can_manage_unit(user, unit: OrgUnit, action: str = MANAGE_PEOPLE) -> bool:
    return units_where(user, action).filter(pk=unit.pk).exists()


# --- people ---------------------------------------------------------------------------------
def people_list(*, user, q: str = "", unit: OrgUnit | None = None, role: str = "") -> QuerySet:
    """People with an active role in a unit the user manages (all people for a system admin)."""
    User = get_user_model()
    scope = Membership.objects.filter(active_memberships_q(), unit__in=manageable_units(user))
    if unit is not None:
        scope = scope.filter(unit=unit)
    if role:
        scope = scope.filter(role=role)
    people = User.objects.filter(Exists(scope.filter(user=OuterRef("pk"))))
    if is_system_admin(user) and unit is None and not role:
        # System administrators also see accounts that have no role yet.
        people = User.objects.all()
    if q:
        people = people.filter(
            Q(full_name__icontains=q) | Q(username__icontains=q) | Q(email__icontains=q)
        )
    return people


def with_active_roles(people: QuerySet) -> QuerySet:
    """Adds `active_roles` (active memberships with their units) to each person, in one query."""
    return people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(active_memberships_q()).select_related("unit").order_by("unit__path"),
            to_attr="active_roles",
        )
    )


def person_get_for_management(*, user, pk) -> object:
    """The person, if they hold a role in a unit the user manages; else 404."""
    try:
        return people_list(user=user).get(pk=pk)
    except (get_user_model().DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def person_memberships(*, person) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=person)
        .select_related("unit")
        .order_by("end_date", "unit__path", "role")
    )


def membership_get_for_management(*, user, pk) -> Membership:
    try:
        return Membership.objects.select_related("user", "unit").get(
            pk=pk, unit__in=manageable_units(user)
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def memberships_outside_scope(*, user, person) -> QuerySet[Membership]:
    """The person's active roles in units the user does not manage."""
    return Membership.objects.filter(active_memberships_q(), user=person).exclude(
        unit__in=manageable_units(user)
    )


def grantable_roles(user) -> list[tuple[str, str]]:
    """Only a system administrator may make another system administrator."""
    return [(k, v) for k, v in Role.choices if k != Role.SYSTEM_ADMIN or is_system_admin(user)]


# --- terms, constituencies, delegates ------------------------------------------------------------
def term_list(*, user, council: OrgUnit | None = None) -> QuerySet[Term]:
    terms = Term.objects.select_related("council").annotate(
        constituency_count=Count("constituencies", distinct=True),
        delegate_count=Count("delegates", filter=Q(delegates__active=True), distinct=True),
    )
    if council is not None:
        terms = terms.filter(council=council)
    return terms


def term_get(*, user, pk) -> Term:
    try:
        return Term.objects.select_related("council").get(pk=pk)
    except (Term.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def current_term(council: OrgUnit, on=None) -> Term | None:
    """The council's term running on `on` (today by default)."""
    from django.utils import timezone

    on = on or timezone.localdate()
    return (
        Term.objects.filter(council=council, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("-start_date")
        .first()
    )


def constituency_list(*, user, term: Term | None = None, q: str = "") -> QuerySet[Constituency]:
    constituencies = Constituency.objects.select_related("term", "term__council").annotate(
        delegate_count=Count("delegates", filter=Q(delegates__active=True), distinct=True)
    )
    if term is not None:
        constituencies = constituencies.filter(term=term)
    if q:
        constituencies = constituencies.filter(Q(name__icontains=q) | Q(area__icontains=q))
    return constituencies


def delegate_list(
    *, user, term: Term | None = None, constituency: Constituency | None = None, q: str = "",
    include_inactive: bool = False,
) -> QuerySet[Delegate]:
    delegates = Delegate.objects.select_related(
        "user", "term", "term__council", "constituency", "delegate_group"
    )
    if not include_inactive:
        delegates = delegates.filter(active=True)
    if term is not None:
        delegates = delegates.filter(term=term)
    if constituency is not None:
        delegates = delegates.filter(constituency=constituency)
    if q:
        delegates = delegates.filter(Q(user__full_name__icontains=q) | Q(position__icontains=q))
    return delegates


def delegates_of(council: OrgUnit, term: Term | None = None) -> QuerySet[Delegate]:
    """Active delegates of the council in `term` (its current term by default)."""
    term = term or current_term(council)
    if term is None:
        return Delegate.objects.none()
    return Delegate.objects.filter(term=term, active=True).select_related("user", "constituency")
