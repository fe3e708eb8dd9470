from django.urls import path

from wsparcie.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("reviews/", views.ReviewsDueView.as_view(), name="reviews"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PlanEditView.as_view(), name="edit"),
    path("<int:pk>/pdf/", views.PlanPdfView.as_view(), name="pdf"),
    path("<int:pk>/assessment/", views.AssessmentView.as_view(), name="assessment"),
    path("<int:pk>/goals/", views.GoalAddView.as_view(), name="goal_add"),
    path("<int:pk>/actions/", views.ActionAddView.as_view(), name="action_add"),
    path("<int:pk>/reviews/", views.ReviewAddView.as_view(), name="review_add"),
    path("<int:pk>/activate/", views.ActivateView.as_view(), name="activate"),
    path("<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<int:pk>/discontinue/", views.DiscontinueView.as_view(), name="discontinue"),
    path("goals/<int:pk>/", views.GoalStatusView.as_view(), name="goal_status"),
    path("goals/<int:pk>/delete/", views.GoalDeleteView.as_view(), name="goal_delete"),
    path("actions/<int:pk>/done/", views.ActionDoneView.as_view(), name="action_done"),
    path("actions/<int:pk>/delete/", views.ActionDeleteView.as_view(), name="action_delete"),
    path("reviews/<int:pk>/record/", views.ReviewRecordView.as_view(), name="review_record"),
    path("reviews/<int:pk>/cancel/", views.ReviewCancelView.as_view(), name="review_cancel"),
    # Local Activity Programmes
    path("pal/", views.PalIndexView.as_view(), name="pal"),
    path("pal/new/", views.PalCreateView.as_view(), name="pal_create"),
    path("pal/<int:pk>/rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("pal/rounds/<int:pk>/groups/new/", views.GroupCreateView.as_view(), name="group_create"),
    path("pal/groups/<int:pk>/", views.GroupDetailView.as_view(), name="group"),
    path("pal/groups/<int:pk>/members/", views.GroupMemberAddView.as_view(), name="group_member_add"),
    path("pal/members/<int:pk>/remove/", views.GroupMemberRemoveView.as_view(), name="group_member_remove"),
    path("pal/groups/<int:pk>/sessions/", views.GroupSessionCreateView.as_view(), name="session_create"),
    path("pal/sessions/<int:pk>/", views.GroupSessionView.as_view(), name="session"),
    # Cooperation teams and social initiatives
    path("teams/", views.TeamListView.as_view(), name="teams"),
    path("teams/new/", views.TeamCreateView.as_view(), name="team_create"),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team"),
    path("teams/<int:pk>/members/", views.TeamMemberAddView.as_view(), name="team_member_add"),
    path("teams/members/<int:pk>/leave/", views.TeamMemberLeaveView.as_view(), name="team_member_leave"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiatives"),
    path("initiatives/new/", views.InitiativeCreateView.as_view(), name="initiative_create"),
    path("initiatives/<int:pk>/edit/", views.InitiativeEditView.as_view(), name="initiative_edit"),
]
